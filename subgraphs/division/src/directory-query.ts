import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { decodeCursor, pageSize, toPage, type Page } from '../../../common/pagination';

/**
 * One page of a directory in key order, with the total under the same filter.
 * `where` is called for each of the two queries: a LIKE condition serves one.
 */
export async function keysetPage<T extends object>(
  em: EntityManager,
  entity: new () => T,
  key: keyof T & string,
  where: () => FilterQuery<T>,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Page<T>> {
  const limit = pageSize(first);
  const afterKey = decodeCursor(after);
  const pageWhere = () => (afterKey === undefined ? where() : ({ $and: [where(), { [key]: { $gt: afterKey } }] } as FilterQuery<T>));
  const [rows, total] = await Promise.all([
    limit === 0 ? Promise.resolve([] as T[]) : em.find(entity, pageWhere(), { orderBy: { [key]: 'asc' } as never, limit: limit + 1 }),
    em.count(entity, where()),
  ]);
  return toPage(rows, limit, total, (row) => String(row[key]));
}
