import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { Field, Int, ObjectType } from 'type-graphql';
import { knexOf } from '../../../../common/orm';

/**
 * 录入进度 — how far a drawn task's results are. Every figure counts the same
 * unit, one result per item of each drawn entity (`total`), so a later stage of
 * the work is one more count beside `recorded`: `reviewed` (≤ recorded) counts
 * those a reviewer approved (法制审核).
 */
@ObjectType({ description: '录入进度 — results recorded out of the results the draw calls for (one per item of each drawn entity)' })
export class TaskProgress {
  @Field(() => Int, { description: 'Drawn entities (assignments)' })
  assignments!: number;

  @Field(() => Int, { description: 'Assignments with a result for every item' })
  assignmentsComplete!: number;

  @Field(() => Int, { description: 'Results the task needs: one per item of each drawn entity' })
  total!: number;

  @Field(() => Int, { description: 'Results recorded (谁检查、谁录入)' })
  recorded!: number;

  @Field(() => Int, { description: 'Results a reviewer approved (法制审核), at most recorded; publication needs every one' })
  reviewed!: number;

  @Field(() => Int, { description: 'Results not recorded yet (total − recorded)' })
  remaining!: number;

  @Field({ description: 'Every result is recorded: the task can be published' })
  complete!: boolean;
}

/** Progress per task id, in two statements whatever the number of tasks. */
export function createProgressLoader(em: EntityManager): DataLoader<string, TaskProgress> {
  return new DataLoader<string, TaskProgress>(async (ids) => {
    const knex = knexOf(em);
    const [assignments, results] = await Promise.all([
      knex('assignment')
        .select('task', 'id', 'item_keys')
        .whereIn('task', [...ids]) as Promise<Array<{ task: string; id: string; item_keys: unknown }>>,
      knex('inspection_result')
        .select('task', 'assignment')
        .count({ n: '*' })
        .sum({ approved: knex.raw(`case when review_status = 'APPROVED' then 1 else 0 end`) })
        .whereIn('task', [...ids])
        .groupBy('task', 'assignment') as unknown as Promise<Array<{ task: string; assignment: string; n: number | string; approved: number | string | null }>>,
    ]);
    const recordedOf = new Map(results.map((row) => [row.assignment, Number(row.n)]));
    const approvedOf = new Map(results.map((row) => [row.assignment, Number(row.approved ?? 0)]));
    const progress = new Map<string, TaskProgress>(
      ids.map((id) => [id, { assignments: 0, assignmentsComplete: 0, total: 0, recorded: 0, reviewed: 0, remaining: 0, complete: true }]),
    );
    for (const row of assignments) {
      const items = (typeof row.item_keys === 'string' ? JSON.parse(row.item_keys) : row.item_keys) as unknown[];
      const recorded = Math.min(recordedOf.get(row.id) ?? 0, items.length);
      const entry = progress.get(row.task)!;
      entry.assignments += 1;
      entry.total += items.length;
      entry.recorded += recorded;
      entry.reviewed += Math.min(approvedOf.get(row.id) ?? 0, recorded);
      if (recorded === items.length) entry.assignmentsComplete += 1;
    }
    for (const entry of progress.values()) {
      entry.remaining = entry.total - entry.recorded;
      entry.complete = entry.remaining === 0;
    }
    return ids.map((id) => progress.get(id)!);
  });
}
