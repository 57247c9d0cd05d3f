import { Entity, LockMode, PrimaryKey, Property, type EntityManager } from '@mikro-orm/core';
import { isPostgres } from '../../../../common/orm';

/** A named sequence (task numbers per year, publication numbers per lead division and year). */
@Entity({ tableName: 'counter' })
export class Counter {
  @PrimaryKey({ type: 'string', length: 64 })
  key!: string;

  @Property({ type: 'integer' })
  value!: number;
}

/**
 * The next number of a sequence, inside the caller's transaction: the row is
 * locked on PostgreSQL, so replicas never hand out the same number, and a
 * rolled-back transaction leaves no gap.
 */
export async function nextNumber(em: EntityManager, key: string): Promise<number> {
  // Creating the row first (a no-op when it exists) lets concurrent first users queue on the same row lock.
  await em
    .getConnection()
    .execute('insert into counter ("key", "value") values (?, 0) on conflict ("key") do nothing', [key], 'run', em.getTransactionContext());
  const counter = await em.findOneOrFail(Counter, { key }, isPostgres(em) ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : { refresh: true });
  counter.value += 1;
  return counter.value;
}
