import type { EntityManager } from '@mikro-orm/core';
import { knexOf } from '../../../../common/orm';

const INSERT_BATCH = 500;

/**
 * Inserts rows (or, with `mergeOn`, upserts them) with bound parameters, through the
 * transaction's own connection. MikroORM 6 writes every parameter into the SQL text,
 * escaped, and the database then parses that text: for a draw's thousands of rows and
 * its multi-megabyte record, that was most of the time spent storing. Property names
 * and custom types (lists, JSON) are mapped through the entity's metadata, as the ORM
 * would map them.
 */
export async function insertRows<T extends object>(
  em: EntityManager,
  entity: new () => T,
  rows: ReadonlyArray<Partial<T>>,
  options: { mergeOn?: keyof T & string } = {},
): Promise<void> {
  const meta = em.getMetadata().get(entity.name);
  const platform = em.getPlatform();
  const knex = knexOf(em);
  const column = (property: string) => {
    const definition = meta.properties[property as keyof T & string];
    if (!definition) throw new Error(`${entity.name} has no property ${property}`);
    return definition;
  };
  const toColumns = (row: Partial<T>) => {
    const values: Record<string, unknown> = {};
    for (const [property, value] of Object.entries(row)) {
      const definition = column(property);
      values[definition.fieldNames[0]!] = definition.customType ? definition.customType.convertToDatabaseValue(value, platform, { mode: 'query' }) : value;
    }
    return values;
  };
  for (let start = 0; start < rows.length; start += INSERT_BATCH) {
    const batch = rows.slice(start, start + INSERT_BATCH).map(toColumns);
    const insert = knex(meta.tableName).insert(batch);
    if (options.mergeOn) {
      const key = column(options.mergeOn).fieldNames[0]!;
      await insert.onConflict(key).merge(Object.keys(batch[0] ?? {}).filter((name) => name !== key));
    } else {
      await insert;
    }
  }
}
