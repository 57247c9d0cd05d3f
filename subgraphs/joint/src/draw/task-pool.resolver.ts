import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { DateScalar } from '../../../../common/scalars';
import { forbidden } from '../../../../common/errors';
import { hasRole } from '../../../../common/viewer';
import { Assignment } from '../assignments/assignment.entity';
import { canSeeAssignment } from '../assignments/assignment-access';
import type { JointContext } from '../context';
import { CreditRiskClass } from '../credit/credit-risk-class';
import { InspectionTask } from '../tasks/inspection-task.entity';
import { DrawRow } from './draw.entity';
import { Draw } from './draw.types';
import { BeaconDeclaration, ClassRatiosView, effectiveClassRatios } from '../tasks/draw-definition';
import type { TaskPoolRow } from './task-pool.entity';
import { entrySaltLabel, saltOf } from './ssj-draw-2/commitments';

/** The stable address of a task's public pool at the gateway, relative to it. */
export function poolPath(task: string): string {
  return `/tasks/${encodeURIComponent(task)}/pool.json`;
}

@ObjectType({ description: 'Targets of one credit-risk class' })
export class ClassCount {
  @Field(() => CreditRiskClass)
  riskClass!: CreditRiskClass;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: '分类抽取统计 — one credit-risk class of a task: its pool, its ratio, what the draw took' })
export class ClassDrawStats {
  @Field(() => CreditRiskClass)
  riskClass!: CreditRiskClass;

  @Field(() => Int, { description: 'Targets of this class in the pool fixed at commit' })
  pool!: number;

  @Field(() => Int, { description: 'The class ratio, basis points' })
  ratioBp!: number;

  @Field(() => Int, { description: 'ceil(pool × ratioBp / 10000): what the ratio asks for (docs/draw-algorithm.md §5)' })
  required!: number;

  @Field(() => Int, { nullable: true, description: 'Drawn in this class; null before the draw' })
  drawn!: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'The draw took what the ratio asks for (false only when withdrawals left too few candidates); null before the draw',
  })
  ratioMet!: boolean | null;
}

@ObjectType({ description: '抽取池 — fixed and published when the task is committed (SSJ-DRAW-2), before the beacon value exists' })
export class TaskPool {
  @Field({ description: 'SHA-256 of the public pool (docs/draw-algorithm.md §3); the draw record must carry the same' })
  digest!: string;

  @Field(() => DateScalar, { description: 'The day the pool was fixed (the commit day, Asia/Shanghai)' })
  asOf!: string;

  @Field(() => [ClassCount], { description: 'Targets per credit-risk class, D first' })
  countsByClass!: ClassCount[];

  @Field(() => Int)
  inspectorCount!: number;

  @Field(() => BeaconDeclaration)
  beacon!: BeaconDeclaration;

  @Field(() => [ClassDrawStats], { description: 'Per credit-risk class, D first: pool, ratio, required and drawn' })
  classes!: ClassDrawStats[];

  @Field({ description: 'Where anyone downloads the public pool (canonical JSON), relative to the gateway (/tasks/<id>/pool.json)' })
  url!: string;
}

/** Credit-risk classes in the order the draw takes them (docs/draw-algorithm.md §5). */
export const DRAW_ORDER = ['D', 'C', 'B', 'A'] as const;

function poolView(task: InspectionTask, row: TaskPoolRow, drawnByClass: Map<string, number> | null): TaskPool {
  const ratios = effectiveClassRatios(task);
  return {
    classes: DRAW_ORDER.map((riskClass) => {
      const pool = row.counts[riskClass] ?? 0;
      const required = Math.min(pool, Math.ceil((pool * ratios[riskClass]) / 10000));
      const drawn = drawnByClass ? (drawnByClass.get(riskClass) ?? 0) : null;
      return {
        riskClass: riskClass as CreditRiskClass,
        pool,
        ratioBp: ratios[riskClass],
        required,
        drawn,
        ratioMet: drawn === null ? null : drawn >= required,
      };
    }),
    digest: row.digest,
    asOf: row.asOf,
    countsByClass: DRAW_ORDER.map((riskClass) => ({ riskClass: riskClass as CreditRiskClass, count: row.counts[riskClass] ?? 0 })),
    inspectorCount: row.inspectorCount,
    beacon: { source: task.beaconSource ?? '', date: task.beaconDate ?? '' },
    url: poolPath(task.id),
  };
}

/** The SSJ-DRAW-2 parts of a task: its beacon declaration, its class ratios and its committed pool. */
@Resolver(() => InspectionTask)
export class TaskPoolResolver {
  @FieldResolver(() => BeaconDeclaration, { nullable: true, description: '公开随机数声明 — fixed at commit; null while a draft has none' })
  beacon(@Root() task: InspectionTask): BeaconDeclaration | null {
    return task.beaconSource && task.beaconDate ? { source: task.beaconSource, date: task.beaconDate } : null;
  }

  @FieldResolver(() => ClassRatiosView, { description: '分类抽查比例 the task draws with: its own, or ratioBp for A and B and highRiskRatioBp for C and D' })
  classRatios(@Root() task: InspectionTask): ClassRatiosView {
    const ratios = effectiveClassRatios(task);
    return { a: ratios.A, b: ratios.B, c: ratios.C, d: ratios.D };
  }

  @FieldResolver(() => TaskPool, {
    nullable: true,
    description: 'The pool fixed at commit (SSJ-DRAW-2); null before the commit and for tasks committed before SSJ-DRAW-2',
  })
  async pool(@Root() task: InspectionTask, @Ctx() context: JointContext): Promise<TaskPool | null> {
    const row = await context.loaders.taskPool.load(task.id);
    if (!row) return null;
    const draw = await context.loaders.draw.load(task.id);
    let drawnByClass: Map<string, number> | null = null;
    if (draw) {
      drawnByClass = new Map();
      const rows = await context.em.find(Assignment, { task: task.id }, { fields: ['id', 'riskClass'], disableIdentityMap: true });
      for (const assignment of rows) if (assignment.riskClass) drawnByClass.set(assignment.riskClass, (drawnByClass.get(assignment.riskClass) ?? 0) + 1);
    }
    return poolView(task, row, drawnByClass);
  }
}

/** What an assignment of an SSJ-DRAW-2 draw says of the draw: the class it was drawn in, and the entity's entry salt. */
@Resolver(() => Assignment)
export class AssignmentDrawResolver {
  @FieldResolver(() => CreditRiskClass, {
    nullable: true,
    description:
      '信用风险分类 the entity was drawn in (SSJ-DRAW-2) — coordinators and supervisors only (a class can reveal a complaint); null otherwise and for SSJ-DRAW-1 draws',
  })
  riskClass(@Root() assignment: Assignment, @Ctx() context: JointContext): CreditRiskClass | null {
    if (!hasRole(context.viewer, 'coordinator', 'supervisor') && !context.viewer.service) return null;
    return (assignment.riskClass as CreditRiskClass | null) ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "抽取池核验码 — the entity's entry salt (SSJ-DRAW-2, docs/draw-algorithm.md §9.3), printed on the inspection notice: with its USCC the entity finds its own entry in the pool published at commit and in the record. Null for draws made with SSJ-DRAW-1. Seen by those who may see the team.",
  })
  async entrySalt(@Root() assignment: Assignment, @Ctx() context: JointContext): Promise<string | null> {
    if (!canSeeAssignment(context.viewer, assignment)) throw forbidden('无权查看抽取池核验码 (you may not see this entry salt)');
    if (assignment.riskClass === null) return null;
    const pool = await context.loaders.taskPool.load(assignment.task);
    return pool ? saltOf(pool.poolKey, entrySaltLabel(assignment.uscc)) : null;
  }
}

@Resolver(() => Draw)
export class FullRecordResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The full record (docs/draw-algorithm.md §8.2): the public record with the pool key and the clear pool — supervisors only; null for SSJ-DRAW-1 draws',
  })
  async fullRecord(@Root() draw: Draw, @Ctx() context: JointContext): Promise<string | null> {
    if (!hasRole(context.viewer, 'supervisor')) {
      throw forbidden('完整抽取记录列明回避声明和全部检查对象，仅供监督人员查阅 (the full record names every entity and conflict: supervisors only)');
    }
    const row = await context.em.findOne(DrawRow, { task: draw.row.task }, { fields: ['task', 'fullRecord'], disableIdentityMap: true });
    return row?.fullRecord ?? null;
  }
}
