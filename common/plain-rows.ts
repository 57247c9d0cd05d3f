import type { EntityManager, EntityMetadata, EntityProperty } from '@mikro-orm/core';
import type { Knex, EntityManager as SqlEntityManager } from '@mikro-orm/knex';

interface Column {
  property: string;
  field: string;
  convert: (value: unknown) => unknown;
}

const plans = new WeakMap<EntityMetadata, { table: string; columns: Column[] }>();

function planOf(em: EntityManager, entityName: string): { table: string; columns: Column[] } {
  const meta = em.getMetadata().get(entityName);
  let plan = plans.get(meta);
  if (plan) return plan;
  const platform = em.getPlatform();
  const scalar = (prop: EntityProperty) => prop.kind === 'scalar' && prop.persist !== false && prop.fieldNames?.length === 1;
  const columns = meta.props.filter(scalar).map((prop): Column => {
    const customType = prop.customType;
    const convert = customType
      ? (value: unknown) => (value === null ? null : customType.convertToJSValue(value, platform))
      : prop.runtimeType === 'boolean'
        ? (value: unknown) => (value === null ? null : Boolean(value))
        : (value: unknown) => value;
    return { property: prop.name, field: prop.fieldNames[0]!, convert };
  });
  plan = { table: meta.tableName, columns };
  plans.set(meta, plan);
  return plan;
}

/**
 * The rows of `entity` whose `key` is one of `keys`, as plain objects with
 * the entity's property names and JavaScript values — one SELECT, no entity
 * instances. For read-only answers (entity references the gateway asks for
 * by the hundred): MikroORM's hydration, identity map and change-tracking
 * snapshot cost more than the query itself there, and nothing is written back.
 */
export async function plainRowsByKey<T extends object>(em: EntityManager, entity: new () => T, key: keyof T & string, keys: readonly string[]): Promise<T[]> {
  if (keys.length === 0) return [];
  const { table, columns } = planOf(em, entity.name);
  const keyColumn = columns.find((column) => column.property === key);
  if (!keyColumn) throw new Error(`${entity.name}.${key} is not a stored column`);
  // Inside a transaction, its connection: the rows it has written are visible.
  const knex = (em.getTransactionContext() as Knex.Transaction | undefined) ?? (em as SqlEntityManager).getKnex();
  const rows = (await knex
    .select(columns.map((column) => column.field))
    .from(table)
    .whereIn(keyColumn.field, [...keys])) as Array<Record<string, unknown>>;
  return rows.map((row) => {
    const plain: Record<string, unknown> = {};
    for (const column of columns) plain[column.property] = column.convert(row[column.field]);
    return plain as T;
  });
}
