import { raw, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import { LIKE_ESCAPE } from './text';

/**
 * LIKE conditions with an explicit escape character. SQLite's LIKE has no
 * default escape (PostgreSQL's is the backslash), so a pattern from
 * `containsPattern`/`prefixPattern`/`listContains` only means the same on both
 * engines with `ESCAPE '\'` spelled out, which MikroORM's `$like` cannot do.
 *
 * MikroORM consumes a raw fragment when it runs the query, so a condition
 * built here serves one query: build it again for the count beside a page.
 */
export function likeCondition<T extends object>(em: EntityManager, entity: new () => T, property: keyof T & string, pattern: string): FilterQuery<T> {
  const column = em.getMetadata().get(entity.name).properties[property]?.fieldNames[0];
  if (!column) throw new Error(`${entity.name} has no property ${property}`);
  return { [raw((alias: string) => `${alias}.${column} like ? escape '${LIKE_ESCAPE}'`, [pattern])]: [] } as FilterQuery<T>;
}

/** The same condition on a knex query (statements the ORM does not express). */
export function whereLike<Q extends Knex.QueryBuilder>(query: Q, column: string, pattern: string): Q {
  return query.whereRaw('?? like ? escape ?', [column, pattern, LIKE_ESCAPE]) as Q;
}
