import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { plainRowsByKey } from './plain-rows';
import { couldBeStoredKey } from './text';

/**
 * Per-request loaders over one column: every key asked for in one tick becomes
 * one `WHERE key IN (…)` statement. Keys that could never be stored (too long,
 * control characters) are not sent to the database; they find nothing.
 */

/** The row whose `key` is each key, or null. */
export function oneBy<T extends object>(em: EntityManager, entity: new () => T, key: keyof T & string): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (keys) => {
    const rows = await em.find(entity, { [key]: { $in: keys.filter(couldBeStoredKey) } } as never);
    const found = new Map(rows.map((row) => [String(row[key]), row]));
    return keys.map((value) => found.get(value) ?? null);
  });
}

/**
 * Like `oneBy`, for read-only answers: the rows come back as plain objects from
 * one SELECT (`plainRowsByKey`), without entity instances to hydrate and track.
 */
export function plainOneBy<T extends object>(em: EntityManager, entity: new () => T, key: keyof T & string): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (keys) => {
    const rows = await plainRowsByKey(em, entity, key, keys.filter(couldBeStoredKey));
    const found = new Map(rows.map((row) => [String(row[key]), row]));
    return keys.map((value) => found.get(value) ?? null);
  });
}

/** The rows whose `key` is each key, in `orderBy` order. */
export function manyBy<T extends object>(
  em: EntityManager,
  entity: new () => T,
  key: keyof T & string,
  orderBy: Record<string, 'asc' | 'desc'>,
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) => {
    const rows = await em.find(entity, { [key]: { $in: keys.filter(couldBeStoredKey) } } as never, { orderBy: orderBy as never });
    const grouped = new Map<string, T[]>();
    for (const row of rows) grouped.set(String(row[key]), [...(grouped.get(String(row[key])) ?? []), row]);
    return keys.map((value) => grouped.get(value) ?? []);
  });
}
