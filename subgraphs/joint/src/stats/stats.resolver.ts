import type { Knex } from '@mikro-orm/knex';
import { Arg, Ctx, Directive, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { cost } from '../../../../common/demand-control';
import { shanghaiDate } from '../../../../common/dates';
import { knexOf } from '../../../../common/orm';
import { whereLike } from '../../../../common/like';
import { listContains } from '../../../../common/string-list.type';
import { requireRole } from '../../../../common/auth';
import type { JointContext } from '../context';
import { OUTCOME_LABELS, ResultOutcome, VIOLATION_OUTCOMES } from '../results/outcomes';
import { TaskStatus } from '../tasks/task-enums';
import type { TaskProgress } from '../tasks/task-progress';
import { DueTask, InspectionStats, InspectorLoad, ItemCoverage, PlanExecution, PublicationTimeliness, StatusCount } from './stats.types';

/** Counts in SQL; nothing here loads rows into memory. */
@Resolver(() => InspectionStats)
export class StatsResolver {
  @Directive(cost(200))
  @Query(() => InspectionStats, { description: '统计 (supervisor, coordinator, analyst)' })
  async inspectionStats(
    @Arg('year', () => Int) year: number,
    @Arg('division', () => ID, { nullable: true }) division: string | null,
    @Ctx() context: JointContext,
  ): Promise<InspectionStats> {
    requireRole(context.viewer, 'supervisor', 'coordinator', 'analyst');
    const knex = knexOf(context.em);
    const today = shanghaiDate(context.now());
    const tasks = () => {
      const query = knex('inspection_task').where('year', year).whereNot('status', TaskStatus.CANCELLED);
      return division ? whereLike(query, 'division_codes', listContains(division)) : query;
    };
    const results = () => {
      const query = knex('published_result').where('year', year).whereNull('amends');
      return division ? query.where('division', division) : query;
    };
    const count = async (query: Knex.QueryBuilder) => Number(((await query.count({ n: '*' }).first()) as { n: number | string } | undefined)?.n ?? 0);
    const cancelledTasks = () => {
      const query = knex('inspection_task').where('year', year).where('status', TaskStatus.CANCELLED);
      return division ? query.where('division_codes', 'like', listContains(division)) : query;
    };
    const [total, cancelled, drawn, published, lateTasks, pendingOverdue, entities, byOutcome] = await Promise.all([
      count(tasks()),
      count(cancelledTasks()),
      count(tasks().whereIn('status', [TaskStatus.DRAWN, TaskStatus.PUBLISHED])),
      count(tasks().where('status', TaskStatus.PUBLISHED)),
      count(tasks().where('status', TaskStatus.PUBLISHED).whereIn('id', knex('publication').select('task').where('on_time', false))),
      count(tasks().where('status', TaskStatus.DRAWN).whereNotNull('results_due_by').where('results_due_by', '<', today)),
      results().countDistinct({ n: 'uscc' }).first() as Promise<{ n: number | string } | undefined>,
      results().select('outcome').count({ n: '*' }).groupBy('outcome') as unknown as Promise<Array<{ outcome: ResultOutcome; n: number | string }>>,
    ]);
    const counts = new Map(byOutcome.map((row) => [row.outcome, Number(row.n)]));
    const all = [...counts.values()].reduce((sum, n) => sum + n, 0);
    const violations = [...counts.entries()].filter(([outcome]) => VIOLATION_OUTCOMES.has(outcome)).reduce((sum, [, n]) => sum + n, 0);
    return {
      year,
      division,
      tasks: total,
      cancelled,
      drawn,
      published,
      overdue: lateTasks + pendingOverdue,
      entitiesInspected: Number(entities?.n ?? 0),
      violationRateBp: all === 0 ? 0 : Math.round((violations * 10000) / all),
      resultsByOutcome: (Object.keys(OUTCOME_LABELS) as ResultOutcome[]).map((outcome) => ({
        outcome,
        label: OUTCOME_LABELS[outcome],
        count: counts.get(outcome) ?? 0,
      })),
    };
  }

  @FieldResolver(() => [StatusCount], { description: 'Tasks of the year by status, cancelled ones included' })
  async tasksByStatus(@Root() stats: InspectionStats, @Ctx() context: JointContext): Promise<StatusCount[]> {
    const rows = (await tasksOf(context, stats).select('status').count({ n: '*' }).groupBy('status')) as Array<{ status: TaskStatus; n: number | string }>;
    const counts = new Map(rows.map((row) => [row.status, Number(row.n)]));
    return Object.values(TaskStatus).map((status) => ({ status, count: counts.get(status) ?? 0 }));
  }

  @FieldResolver(() => PublicationTimeliness, { description: 'Publications on time, late, and tasks still due with the working days left' })
  async publications(@Root() stats: InspectionStats, @Ctx() context: JointContext): Promise<PublicationTimeliness> {
    const knex = knexOf(context.em);
    const published = tasksOf(context, stats).where('status', TaskStatus.PUBLISHED).select('id');
    const rows = (await knex('publication').select('on_time').count({ n: '*' }).whereIn('task', published).groupBy('on_time')) as Array<{
      on_time: boolean | number;
      n: number | string;
    }>;
    const count = (onTime: boolean) => rows.filter((row) => Boolean(row.on_time) === onTime).reduce((sum, row) => sum + Number(row.n), 0);
    // Every drawn task still to publish, including those without a result: their 20 working days have not started, which is the risk.
    const due = (await tasksOf(context, stats)
      .where('status', TaskStatus.DRAWN)
      .join('draw', 'draw.task', 'inspection_task.id')
      .select('inspection_task.id as id', 'name', 'results_due_by', 'period_end', 'draw.drawn_at as drawn_at')) as Array<{
      id: string;
      name: string;
      results_due_by: string | null;
      period_end: string;
      drawn_at: string;
    }>;
    const calendar = await context.calendar();
    const today = shanghaiDate(context.now());
    const progress = await context.loaders.taskProgress.loadMany(due.map((row) => row.id));
    const stillDue: DueTask[] = due.map((row, index) => ({
      task: row.id,
      name: row.name,
      resultsDueBy: row.results_due_by,
      workingDaysLeft: row.results_due_by === null ? null : calendar.workingDaysBetween(today, row.results_due_by),
      overdue: row.results_due_by !== null && row.results_due_by < today,
      drawnOn: shanghaiDate(new Date(row.drawn_at)),
      periodEnd: row.period_end,
      progress: progress[index] as TaskProgress,
    }));
    stillDue.sort((a, b) => {
      if (a.resultsDueBy && b.resultsDueBy) return a.resultsDueBy.localeCompare(b.resultsDueBy) || a.task.localeCompare(b.task);
      if (a.resultsDueBy || b.resultsDueBy) return a.resultsDueBy ? -1 : 1;
      return a.drawnOn.localeCompare(b.drawnOn) || a.task.localeCompare(b.task);
    });
    return { onTime: count(true), late: count(false), stillDue };
  }

  @FieldResolver(() => [ItemCoverage], { description: "Per item: entities inspected ÷ active directory entries, against the item's ratio" })
  async coverage(@Root() stats: InspectionStats, @Ctx() context: JointContext): Promise<ItemCoverage[]> {
    const knex = knexOf(context.em);
    const divisions = stats.division ? [stats.division] : context.divisions.codes();
    const tasks = knex('inspection_task').select('id').where('year', stats.year).whereNot('status', TaskStatus.CANCELLED);
    const inspected = (await knex('inspection_result')
      .select('item_division', 'item_code')
      .countDistinct({ n: 'assignment' })
      .whereIn('task', tasks)
      .groupBy('item_division', 'item_code')) as Array<{ item_division: string; item_code: string; n: number | string }>;
    const inspectedOf = new Map(inspected.map((row) => [`${row.item_division}:${row.item_code}`, Number(row.n)]));
    const perDivision = await Promise.all(
      divisions.map(async (division) => {
        const items = (await context.divisions.checklist(division, context.viewer.requestId)).items.filter((item) => item.active);
        const sizes = await context.divisions.directoryStats(division, [...new Set(items.map((item) => item.targetCategory))], context.viewer.requestId);
        const sizeOf = new Map(sizes.categories.map((entry) => [entry.category, entry.active]));
        return items.map((item) => {
          const directorySize = sizeOf.get(item.targetCategory) ?? 0;
          const done = inspectedOf.get(`${division}:${item.code}`) ?? 0;
          const coverageBp = directorySize === 0 ? 0 : Math.round((done * 10000) / directorySize);
          return {
            division,
            item: item.code,
            itemName: item.name,
            ratioBp: item.ratioBp,
            directorySize,
            inspected: done,
            coverageBp,
            meetsRatio: coverageBp >= item.ratioBp,
          };
        });
      }),
    );
    return perDivision.flat();
  }

  @FieldResolver(() => [PlanExecution], { description: 'Annual plan entries taken up by a task of the year, per division' })
  async planExecution(@Root() stats: InspectionStats, @Ctx() context: JointContext): Promise<PlanExecution[]> {
    const divisions = stats.division ? [stats.division] : context.divisions.codes();
    const tasks = (await knexOf(context.em)('inspection_task')
      .select('item_snapshots')
      .where('year', stats.year)
      .whereNot('status', TaskStatus.CANCELLED)) as Array<{ item_snapshots: string | Array<{ division: string; code: string }> }>;
    const planned = new Set<string>();
    for (const row of tasks) {
      const items = typeof row.item_snapshots === 'string' ? (JSON.parse(row.item_snapshots) as Array<{ division: string; code: string }>) : row.item_snapshots;
      for (const item of items) planned.add(`${item.division}:${item.code}`);
    }
    return Promise.all(
      divisions.map(async (division) => {
        const entries = await context.divisions.annualPlan(division, stats.year, context.viewer.requestId);
        const without = entries.filter((entry) => !entry.items.some((code) => planned.has(`${division}:${code}`)));
        return { division, entries: entries.length, withTasks: entries.length - without.length, withoutTasks: without.map((entry) => entry.name) };
      }),
    );
  }

  @FieldResolver(() => [InspectorLoad], { description: 'Assignments per active inspector in the year (min / median / max), per division' })
  async inspectorLoad(@Root() stats: InspectionStats, @Ctx() context: JointContext): Promise<InspectorLoad[]> {
    const divisions = stats.division ? [stats.division] : context.divisions.codes();
    const rows = (await knexOf(context.em)('assignment_member')
      .select('division', 'inspector')
      .count({ n: '*' })
      .where('year', stats.year)
      .whereIn('task', knexOf(context.em)('inspection_task').select('id').whereNot('status', TaskStatus.CANCELLED))
      .groupBy('division', 'inspector')) as Array<{ division: string; inspector: string; n: number | string }>;
    return Promise.all(
      divisions.map(async (division) => {
        const loads = rows.filter((row) => row.division === division).map((row) => Number(row.n));
        const { activeInspectors } = await context.divisions.directoryStats(division, [], context.viewer.requestId);
        const all = [...loads, ...Array<number>(Math.max(0, activeInspectors - loads.length)).fill(0)].sort((a, b) => a - b);
        const median = all.length === 0 ? 0 : all.length % 2 ? all[(all.length - 1) / 2]! : Math.round((all[all.length / 2 - 1]! + all[all.length / 2]!) / 2);
        return { division, inspectors: all.length, min: all[0] ?? 0, median, max: all[all.length - 1] ?? 0 };
      }),
    );
  }
}

function tasksOf(context: JointContext, stats: InspectionStats): Knex.QueryBuilder {
  const query = knexOf(context.em)('inspection_task').where('year', stats.year);
  return stats.division ? whereLike(query, 'division_codes', listContains(stats.division)) : query;
}
