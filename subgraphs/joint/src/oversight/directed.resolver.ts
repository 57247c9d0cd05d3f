import DataLoader from 'dataloader';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { knexOf } from '../../../../common/orm';
import { parseStringList } from '../../../../common/string-list.type';
import { isAuthenticated } from '../../../../common/viewer';
import type { JointContext } from '../context';
import { DIRECTED_BASIS_LABELS, DirectedBasis } from '../directed/directed-basis';
import { DirectedTargetRow } from '../directed/directed-target.entity';
import { PublicResult } from '../publication/public-result.type';
import { InspectionStats } from '../stats/stats.types';
import { InspectionTask } from '../tasks/inspection-task.entity';
import { canSeeSelection, canSeeTaskDetails } from '../tasks/task-access';
import { TaskKind, TaskStatus } from '../tasks/task-enums';
import { DirectedInspectionCount, DirectedTarget, PublicDirectedBasis } from './directed.types';
import { followedCancelledTasks, followsCancelledLoaders, type FollowsCancelledLoaders } from './follows-cancelled';

/** One query per request for the bases of every task asked about. */
const basisLoaders = new WeakMap<JointContext, DataLoader<string, DirectedTargetRow[]>>();

function basesOf(context: JointContext): DataLoader<string, DirectedTargetRow[]> {
  let loader = basisLoaders.get(context);
  if (!loader) {
    loader = new DataLoader<string, DirectedTargetRow[]>(async (tasks) => {
      const rows = await context.em.find(DirectedTargetRow, { task: { $in: [...tasks] } }, { orderBy: { uscc: 'asc' }, disableIdentityMap: true });
      return tasks.map((task) => rows.filter((row) => row.task === task));
    });
    basisLoaders.set(context, loader);
  }
  return loader;
}

const followLoaders = new WeakMap<JointContext, FollowsCancelledLoaders>();

function followsOf(context: JointContext): FollowsCancelledLoaders {
  let loaders = followLoaders.get(context);
  if (!loaders) {
    loaders = followsCancelledLoaders(context.em);
    followLoaders.set(context, loaders);
  }
  return loaders;
}

/** The public's part of a basis: its kind, and the referring authority and document number of a referral. */
function publicReference(row: DirectedTargetRow): string | null {
  return row.basis === DirectedBasis.REFERRAL ? row.reference : null;
}

@Resolver(() => InspectionTask)
export class TaskOversightResolver {
  @FieldResolver(() => [DirectedTarget], {
    description:
      '定向检查对象 of a DIRECTED task with their bases, for whoever may see the selection (the public once published, or once a drawn task is cancelled). Complaint and note for the office and the divisions of the task only',
  })
  async directedTargets(@Root() task: InspectionTask, @Ctx() context: JointContext): Promise<DirectedTarget[]> {
    const { viewer } = context;
    if (task.kind !== TaskKind.DIRECTED || !canSeeSelection(viewer, task)) return [];
    const internal = isAuthenticated(viewer) && canSeeTaskDetails(viewer, task);
    return (await basesOf(context).load(task.id)).map((row) => ({
      uscc: row.uscc,
      basis: row.basis,
      basisLabel: DIRECTED_BASIS_LABELS[row.basis],
      complaint: internal && row.complaint !== null ? String(row.complaint) : null,
      reference: internal ? row.reference : publicReference(row),
      note: internal ? row.note : null,
    }));
  }

  @FieldResolver(() => [InspectionTask], {
    description:
      '接续已撤销的抽取 — tasks of the same year whose draw was cancelled before this one was drawn (or while it is still to be drawn) and whose pool overlaps this one: they share an item category of the same division. Empty when none',
  })
  followsCancelled(@Root() task: InspectionTask, @Ctx() context: JointContext): Promise<InspectionTask[]> {
    return followedCancelledTasks(followsOf(context), task);
  }
}

@Resolver(() => PublicResult)
export class PublicResultBasisResolver {
  @FieldResolver(() => PublicDirectedBasis, {
    nullable: true,
    description: '定向检查依据 of a result of a DIRECTED task: the kind, and for REFERRAL the reference. Null for a drawn entity',
  })
  async directedBasis(@Root() result: PublicResult, @Ctx() context: JointContext): Promise<PublicDirectedBasis | null> {
    if (!result.source) return null;
    const { task, uscc } = result.source;
    const row = (await basesOf(context).load(task)).find((candidate) => candidate.uscc === uscc);
    return row ? { basis: row.basis, label: DIRECTED_BASIS_LABELS[row.basis], reference: publicReference(row) } : null;
  }
}

@Resolver(() => InspectionStats)
export class DirectedStatsResolver {
  @FieldResolver(() => [DirectedInspectionCount], {
    description:
      "定向检查 by division and basis: the drawn targets of the year's DIRECTED tasks (cancelled ones excluded), counted for each division that inspects them. Divisions and bases without any are left out",
  })
  async directedInspections(@Root() stats: InspectionStats, @Ctx() context: JointContext): Promise<DirectedInspectionCount[]> {
    // Grouped in SQL by task, basis and the entity's divisions; the few groups are split into divisions here.
    const rows = (await knexOf(context.em)('assignment')
      .join('directed_target', (on) => on.on('directed_target.task', 'assignment.task').andOn('directed_target.uscc', 'assignment.uscc'))
      .join('inspection_task', 'inspection_task.id', 'assignment.task')
      .where('assignment.year', stats.year)
      .where('inspection_task.kind', TaskKind.DIRECTED)
      .whereNot('inspection_task.status', TaskStatus.CANCELLED)
      .select('assignment.task as task', 'directed_target.basis as basis', 'assignment.division_codes as divisions')
      .count({ n: '*' })
      .groupBy('assignment.task', 'directed_target.basis', 'assignment.division_codes')) as Array<{
      task: string;
      basis: DirectedBasis;
      divisions: string;
      n: number | string;
    }>;
    const counts = new Map<string, { division: string; basis: DirectedBasis; inspections: number; tasks: Set<string> }>();
    for (const row of rows) {
      for (const division of parseStringList(row.divisions)) {
        if (stats.division && division !== stats.division) continue;
        const key = `${division}|${row.basis}`;
        const count = counts.get(key) ?? { division, basis: row.basis, inspections: 0, tasks: new Set<string>() };
        count.inspections += Number(row.n);
        count.tasks.add(row.task);
        counts.set(key, count);
      }
    }
    const order = Object.values(DirectedBasis);
    return [...counts.values()]
      .sort((a, b) => (a.division < b.division ? -1 : a.division > b.division ? 1 : order.indexOf(a.basis) - order.indexOf(b.basis)))
      .map(({ division, basis, inspections, tasks }) => ({ division, basis, label: DIRECTED_BASIS_LABELS[basis], inspections, tasks: tasks.size }));
  }
}
