import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { plainOneBy } from '../../../common/loaders';
import { couldBeStoredKey } from '../../../common/text';
import { CheckItem } from './checklist/check-item.entity';
import { ConflictDeclaration } from './inspectors/conflict-declaration.entity';
import { Inspector } from './inspectors/inspector.entity';
import { Target } from './targets/target.entity';

/**
 * One loader set per request: every reference the gateway sends in one
 * `_entities` fetch becomes one `WHERE … IN (…)` statement per entity type.
 * References are read-only answers, so their rows stay plain objects
 * (`plainRowsByKey`): no entity instances to hydrate, track and throw away.
 * `rows` only lends its connection and metadata (no identity map is used), and
 * `em` is a function so that a request that needs no EntityManager does not
 * fork one.
 */
export function createDivisionLoaders(rows: EntityManager, em: () => EntityManager) {
  const byKey = <T extends object>(entity: new () => T, key: keyof T & string) => plainOneBy(rows, entity, key);

  return {
    item: byKey(CheckItem, 'code'),
    target: byKey(Target, 'uscc'),
    inspector: byKey(Inspector, 'id'),
    conflicts: new DataLoader<string, ConflictDeclaration[]>(async (inspectors) => {
      const rows = await em().find(
        ConflictDeclaration,
        { inspector: { $in: inspectors.filter(couldBeStoredKey) } },
        { orderBy: { uscc: 'asc', declaredAt: 'asc' } },
      );
      return inspectors.map((id) => rows.filter((row) => row.inspector === id));
    }),
  };
}

export type DivisionLoaders = ReturnType<typeof createDivisionLoaders>;
