import { Ctx, Directive, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { cost } from '../../../../common/demand-control';
import { hasRole } from '../../../../common/viewer';
import type { JointContext } from '../context';
import { drawClassesFor } from '../credit/draw-class';
import { entityFacts } from '../credit/entity-facts';
import { InspectionTask } from '../tasks/inspection-task.entity';
import { TaskStatus } from '../tasks/task-enums';
import { shanghaiDate } from '../../../../common/dates';
import { buildDrawInput } from './pool';
import { ClassCount, DRAW_ORDER } from './task-pool.resolver';
import { divisionPools } from './task-pool';
import { CreditRiskClass } from '../credit/credit-risk-class';

@ObjectType({
  description: 'One division in a pool preview: its entities in the pool (an entity in several directories counts in each) and its eligible inspectors',
})
export class PoolPreviewDivision {
  @Field()
  division!: string;

  @Field(() => Int)
  targets!: number;

  @Field(() => Int)
  inspectors!: number;
}

@ObjectType({ description: '抽取池预览 — what the pool would be if the draft were committed now; nothing is fixed or published' })
export class PoolPreview {
  @Field(() => Int, { description: 'Entities in the pool, once each' })
  targets!: number;

  @Field(() => Int, { description: 'Left out by rule 3: already drawn by another task this year' })
  excluded!: number;

  @Field(() => [PoolPreviewDivision])
  divisions!: PoolPreviewDivision[];

  @Field(() => [ClassCount], { description: 'Entities per credit-risk class, D first' })
  countsByClass!: ClassCount[];
}

/** The draft's pool as of today, for the coordinator to check before committing. */
@Resolver(() => InspectionTask)
export class PoolPreviewResolver {
  @FieldResolver(() => PoolPreview, {
    nullable: true,
    description:
      '抽取池预览 of a DRAFT task (coordinators and supervisors): counts per division and per credit-risk class as of today; null for other states and other callers',
  })
  @Directive(cost(1000))
  async poolPreview(@Root() task: InspectionTask, @Ctx() context: JointContext): Promise<PoolPreview | null> {
    if (task.status !== TaskStatus.DRAFT || !hasRole(context.viewer, 'coordinator', 'supervisor')) return null;
    const asOf = shanghaiDate(context.now());
    const pools = await divisionPools(context, task);
    const built = buildDrawInput(task, pools, await entityFacts(context.em, task.id, task.year, asOf), asOf);
    const classes = await drawClassesFor(
      context.em,
      built.input.targets.map((target) => target.uscc),
      asOf,
    );
    const counts = new Map<string, number>();
    for (const target of built.input.targets) {
      const riskClass = classes.get(target.uscc) ?? 'B';
      counts.set(riskClass, (counts.get(riskClass) ?? 0) + 1);
    }
    return {
      targets: built.input.targets.length,
      excluded: built.excluded.length,
      divisions: task.divisionCodes.map((division) => ({
        division,
        targets: built.input.targets.filter((target) => target.divisions.includes(division)).length,
        inspectors: built.input.inspectors.filter((inspector) => inspector.division === division).length,
      })),
      countsByClass: DRAW_ORDER.map((riskClass) => ({ riskClass: riskClass as CreditRiskClass, count: counts.get(riskClass) ?? 0 })),
    };
  }
}
