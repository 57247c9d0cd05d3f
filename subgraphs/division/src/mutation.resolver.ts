import { Arg, Ctx, Directive, ID, Mutation, Resolver } from 'type-graphql';
import { cost } from '../../../common/demand-control';
import { OwnDivision } from './access';
import { CheckItem } from './checklist/check-item.entity';
import { CheckItemInput } from './checklist/check-item.input';
import { saveCheckItem } from './checklist/checklist-service';
import type { DivisionContext } from './context';
import { Inspector } from './inspectors/inspector.entity';
import { InspectorInput } from './inspectors/inspector.input';
import { declareConflict, importInspectors, saveInspector, withdrawConflict } from './inspectors/inspector-service';
import { PlanEntry } from './plan/plan-entry.entity';
import { PlanEntryInput } from './plan/plan-entry.input';
import { savePlanEntry } from './plan/plan-service';
import { ImportReport } from './targets/import-report';
import { Target } from './targets/target.entity';
import { TargetInput } from './targets/target.input';
import { importTargets, saveTarget } from './targets/target-service';

/** Every write names its division; the gateway routes it there and this instance checks it is its own. */
@Resolver()
export class DivisionMutationResolver {
  @Mutation(() => CheckItem, { description: '保存抽查事项 (division_admin of the division)' })
  saveCheckItem(@OwnDivision() division: string, @Arg('input', () => CheckItemInput) input: CheckItemInput, @Ctx() context: DivisionContext) {
    return saveCheckItem(context, division, input);
  }

  @Mutation(() => Target, { description: '保存检查对象 (division_admin of the division)' })
  saveTarget(@OwnDivision() division: string, @Arg('input', () => TargetInput) input: TargetInput, @Ctx() context: DivisionContext) {
    return saveTarget(context, division, input);
  }

  @Directive(cost(100))
  @Mutation(() => ImportReport, { description: '批量导入检查对象 — all rows or none, with per-row errors' })
  importTargets(@OwnDivision() division: string, @Arg('rows', () => [TargetInput]) rows: TargetInput[], @Ctx() context: DivisionContext) {
    return importTargets(context, division, rows);
  }

  @Mutation(() => Inspector, { description: '保存执法检查人员 (division_admin of the division)' })
  saveInspector(@OwnDivision() division: string, @Arg('input', () => InspectorInput) input: InspectorInput, @Ctx() context: DivisionContext) {
    return saveInspector(context, division, input);
  }

  @Directive(cost(100))
  @Mutation(() => ImportReport, { description: '批量导入执法检查人员 — all rows or none, with per-row errors' })
  importInspectors(@OwnDivision() division: string, @Arg('rows', () => [InspectorInput]) rows: InspectorInput[], @Ctx() context: DivisionContext) {
    return importInspectors(context, division, rows);
  }

  @Mutation(() => Inspector, { description: '申报回避 (division_admin, or the inspector themself)' })
  declareConflict(
    @OwnDivision() division: string,
    @Arg('inspector', () => ID) inspector: string,
    @Arg('uscc', () => String) uscc: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() context: DivisionContext,
  ) {
    return declareConflict(context, division, inspector, uscc, reason);
  }

  @Mutation(() => Inspector, { description: '撤回回避申报 — with a reason, audited; the declaration stays on file as withdrawn (division_admin)' })
  withdrawConflict(
    @OwnDivision() division: string,
    @Arg('inspector', () => ID) inspector: string,
    @Arg('uscc', () => String) uscc: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() context: DivisionContext,
  ) {
    return withdrawConflict(context, division, inspector, uscc, reason);
  }

  @Mutation(() => PlanEntry, { description: '保存年度抽查计划条目 (division_admin of the division)' })
  savePlanEntry(@OwnDivision() division: string, @Arg('input', () => PlanEntryInput) input: PlanEntryInput, @Ctx() context: DivisionContext) {
    return savePlanEntry(context, division, input);
  }
}
