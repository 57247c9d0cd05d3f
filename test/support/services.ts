import { shanghaiDate } from '../../common/dates';
import { createDivisionService, type DivisionService } from '../../subgraphs/division/src/app';
import { createLogger } from '../../common/logger';
import type { DatabaseLocation } from '../../common/orm';
import { freshDatabase, type DatabaseKind } from './database';
import { TEST_CONTEXT_SECRET } from './graphql';

export interface TestDivisionOptions {
  code: string;
  database?: DatabaseKind;
  seed?: 'demo' | 'none';
  port?: number;
  /** Reuse a database (to restart an instance); a fresh one otherwise. */
  location?: DatabaseLocation;
}

/** A real division instance on a free port with a fresh database. */
export async function startTestDivision(options: TestDivisionOptions): Promise<DivisionService & { location: DatabaseLocation }> {
  const location = options.location ?? (await freshDatabase(options.database, `division_${options.code}`));
  const service = await createDivisionService({
    division: options.code,
    port: options.port ?? 0,
    host: '127.0.0.1',
    database: location,
    contextSecret: TEST_CONTEXT_SECRET,
    seed: options.seed ?? 'none',
    today: shanghaiDate(),
    logger: createLogger(`division:${options.code}`, process.env.TEST_LOG_LEVEL ?? 'silent'),
  });
  return { ...service, location };
}

/** Counts SQL statements a service's database receives while `work` runs. */
export async function countStatements(
  service: { orm: DivisionService['orm'] },
  work: () => Promise<unknown>,
): Promise<{ count: number; statements: string[] }> {
  const knex = service.orm.em.getConnection().getKnex();
  const statements: string[] = [];
  const listener = (query: { sql: string }) => statements.push(query.sql);
  knex.on('query', listener);
  try {
    await work();
  } finally {
    knex.removeListener('query', listener);
  }
  return { count: statements.length, statements };
}
