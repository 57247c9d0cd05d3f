import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { couldBeStoredKey } from '../../../common/text';
import { CheckItem } from './checklist/check-item.entity';
import { ConflictDeclaration } from './inspectors/conflict-declaration.entity';
import { Inspector } from './inspectors/inspector.entity';
import { Target } from './targets/target.entity';

/**
 * One loader set per request: every reference the gateway sends in one
 * `_entities` fetch becomes one `WHERE … IN (…)` statement per entity type.
 */
export function createDivisionLoaders(em: EntityManager) {
  const byKey = <T extends object, K extends keyof T & string>(entity: new () => T, key: K) =>
    new DataLoader<string, T | null>(async (keys) => {
      const rows = await em.find(entity, { [key]: { $in: keys.filter(couldBeStoredKey) } } as never);
      const found = new Map(rows.map((row) => [String(row[key]), row]));
      return keys.map((k) => found.get(k) ?? null);
    });

  return {
    item: byKey(CheckItem, 'code'),
    target: byKey(Target, 'uscc'),
    inspector: byKey(Inspector, 'id'),
    conflicts: new DataLoader<string, ConflictDeclaration[]>(async (inspectors) => {
      const rows = await em.find(
        ConflictDeclaration,
        { inspector: { $in: inspectors.filter(couldBeStoredKey) } },
        { orderBy: { uscc: 'asc', declaredAt: 'asc' } },
      );
      return inspectors.map((id) => rows.filter((row) => row.inspector === id));
    }),
  };
}

export type DivisionLoaders = ReturnType<typeof createDivisionLoaders>;
