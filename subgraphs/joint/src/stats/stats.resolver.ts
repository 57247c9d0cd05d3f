import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { Knex } from '@mikro-orm/knex';
import { shanghaiDate } from '../../../common/src/dates';
import { listContains } from '../../../common/src/string-list.type';
import { requireRole } from '../access';
import type { JointContext } from '../context';
import { OUTCOME_LABELS, ResultOutcome, VIOLATION_OUTCOMES } from '../results/outcomes';
import { TaskStatus } from '../tasks/task-enums';
import { InspectionStats } from './stats.types';

function knexOf(context: JointContext): Knex {
  return (context.em as unknown as { getKnex(): Knex }).getKnex();
}

/** Counts in SQL; nothing here loads rows into memory. */
@Resolver()
export class StatsResolver {
  @Query(() => InspectionStats, { description: '统计 (supervisor, coordinator, analyst)' })
  async inspectionStats(@Arg('year', () => Int) year: number, @Arg('division', () => ID, { nullable: true }) division: string | null, @Ctx() context: JointContext): Promise<InspectionStats> {
    requireRole(context.viewer, 'supervisor', 'coordinator', 'analyst');
    const knex = knexOf(context);
    const today = shanghaiDate(context.now());
    const tasks = () => {
      const query = knex('inspection_task').where('year', year).whereNot('status', TaskStatus.CANCELLED);
      return division ? query.where('division_codes', 'like', listContains(division)) : query;
    };
    const results = () => {
      const query = knex('published_result').where('year', year).whereNull('amends');
      return division ? query.where('division', division) : query;
    };
    const count = async (query: Knex.QueryBuilder) => Number(((await query.count({ n: '*' }).first()) as { n: number | string } | undefined)?.n ?? 0);
    const [total, drawn, published, lateTasks, pendingOverdue, entities, byOutcome] = await Promise.all([
      count(tasks()),
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
      drawn,
      published,
      overdue: lateTasks + pendingOverdue,
      entitiesInspected: Number(entities?.n ?? 0),
      violationRateBp: all === 0 ? 0 : Math.round((violations * 10000) / all),
      resultsByOutcome: (Object.keys(OUTCOME_LABELS) as ResultOutcome[]).map((outcome) => ({ outcome, label: OUTCOME_LABELS[outcome], count: counts.get(outcome) ?? 0 })),
    };
  }
}
