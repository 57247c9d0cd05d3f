import { MikroORM, type EntityManager, type MigrationObject, type Options } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { AbstractSqlDriver, Knex } from '@mikro-orm/knex';

/** Where a service keeps its data: PostgreSQL when a URL is given, otherwise one SQLite file. */
export type DatabaseLocation = { kind: 'postgresql'; url: string } | { kind: 'sqlite'; file: string };

export interface MigrationSets {
  sqlite: MigrationObject[];
  postgresql: MigrationObject[];
}

export interface OpenDatabaseOptions {
  location: DatabaseLocation;
  entities: Options['entities'];
  migrations: MigrationSets;
  /** Apply pending migrations on open (services do; `npm run migrate` does it on its own). */
  migrate?: boolean;
  poolMax?: number;
  /** Where ORM messages (migrations applied …) go; silent by default. */
  log?: (message: string) => void;
}

export type Orm = MikroORM<AbstractSqlDriver>;

function driverOptions(location: DatabaseLocation, poolMax: number): Options<AbstractSqlDriver> {
  if (location.kind === 'postgresql') {
    return { driver: PostgreSqlDriver, clientUrl: location.url, pool: { min: 0, max: poolMax } } as Options<AbstractSqlDriver>;
  }
  return {
    driver: BetterSqliteDriver,
    dbName: location.file,
    pool: {
      min: 1,
      max: 1,
      afterCreate(connection: { pragma(sql: string): unknown }, done: (error: Error | null, connection: unknown) => void) {
        // WAL lets readers continue while a transaction writes; busy_timeout waits instead of failing.
        connection.pragma('journal_mode = WAL');
        connection.pragma('synchronous = NORMAL');
        connection.pragma('busy_timeout = 5000');
        done(null, connection);
      },
    },
  } as Options<AbstractSqlDriver>;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Orm> {
  const { location } = options;
  const orm = await MikroORM.init<AbstractSqlDriver>({
    ...driverOptions(location, options.poolMax ?? 10),
    entities: options.entities,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: false },
    logger: options.log ?? (() => undefined),
    allowGlobalContext: false,
    forceUtcTimezone: true,
    migrations: {
      migrationsList: location.kind === 'postgresql' ? options.migrations.postgresql : options.migrations.sqlite,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      tableName: 'schema_migrations',
    },
  });
  if (options.migrate !== false) {
    await orm.getMigrator().up();
  }
  return orm as Orm;
}

/**
 * The query builder under an entity manager, for statements the ORM does not
 * express (aggregates, plain rows, bound-parameter bulk inserts): the open
 * transaction's when there is one, so such statements join it.
 */
export function knexOf(em: EntityManager): Knex {
  return em.getTransactionContext<Knex.Transaction>() ?? (em as unknown as { getKnex(): Knex }).getKnex();
}

export function isPostgres(em: EntityManager): boolean {
  return em.getPlatform().constructor.name.startsWith('PostgreSql');
}

/** Turns `DATABASE_URL` / `DATA_DIR` into a location. */
export function databaseLocation(databaseUrl: string | undefined, sqliteFile: string): DatabaseLocation {
  return databaseUrl ? { kind: 'postgresql', url: databaseUrl } : { kind: 'sqlite', file: sqliteFile };
}
