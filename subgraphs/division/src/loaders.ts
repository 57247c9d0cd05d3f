import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { oneBy } from '../../../common/loaders';
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
  const byKey = <T extends object>(entity: new () => T, key: keyof T & string) => oneBy(em, entity, key);

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
