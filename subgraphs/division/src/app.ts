import { KNOWN_DIVISIONS } from '../../../common/divisions';
import type { RunningService } from '../../../common/http-server';
import { createLogger, type Logger } from '../../../common/logger';
import { openDatabase, type DatabaseLocation, type Orm } from '../../../common/orm';
import { contextKey } from '../../../common/context-token';
import { ServiceMetrics } from '../../../common/metrics';
import { startSubgraphServer } from '../../../common/subgraph-server';
import { divisionMigrations } from '../migrations';
import { DivisionRequestContext, type DivisionContext, type DivisionIdentity } from './context';
import { DivisionProfile } from './division/division-profile.entity';
import { divisionEntities } from './entities';
import { buildDivisionSchema } from './schema';
import { seedDemoData } from './seed/seed';

export interface DivisionServiceConfig {
  division: string;
  /** Defaults to the bureau's name for a known code. */
  divisionName?: string;
  port: number;
  host?: string;
  database: DatabaseLocation;
  contextSecret: string;
  production?: boolean;
  /** Where /metrics may be read from (OPS_NETWORKS); this machine by default outside production. */
  opsNetworks?: readonly string[];
  /** `demo` fills an empty database with demonstration data. */
  seed?: 'demo' | 'none';
  /** Reference date for demo data (certificate expiry), default today. */
  today?: string;
  logger?: Logger;
}

export interface DivisionService extends RunningService {
  orm: Orm;
  division: DivisionIdentity;
}

/** Reads or records which division the database belongs to, and refuses a database of another division. */
async function claimDatabase(orm: Orm, code: string, name: string): Promise<DivisionIdentity> {
  const em = orm.em.fork();
  const profiles = await em.find(DivisionProfile, {});
  const other = profiles.find((profile) => profile.code !== code);
  if (other) throw new Error(`this database belongs to division ${other.code}, not ${code}: check DIVISION and DATA_DIR/DATABASE_URL`);
  const profile = profiles[0] ?? em.create(DivisionProfile, { code, name, createdAt: new Date().toISOString() });
  profile.name = name;
  await em.persistAndFlush(profile);
  return { code, name };
}

/** One division instance: its own database, its own HTTP server, the shared division schema. */
export async function createDivisionService(config: DivisionServiceConfig): Promise<DivisionService> {
  const logger = config.logger ?? createLogger(`division:${config.division}`);
  const name = config.divisionName ?? KNOWN_DIVISIONS[config.division] ?? config.division;
  const orm = await openDatabase({
    location: config.database,
    entities: divisionEntities,
    migrations: divisionMigrations,
    log: (message) => logger.debug(message),
  });
  try {
    const division = await claimDatabase(orm, config.division, name);
    if (config.seed === 'demo') {
      const seeded = await seedDemoData(orm, division, config.today);
      if (seeded) logger.info({ division: division.code }, 'demo data loaded into an empty database');
    }
    const schema = await buildDivisionSchema();
    const service = await startSubgraphServer<DivisionContext>({
      name: `division:${division.code}`,
      schema,
      port: config.port,
      host: config.host,
      contextKey: contextKey(config.contextSecret),
      logger,
      metrics: new ServiceMetrics(`division:${division.code}`),
      production: config.production ?? false,
      opsNetworks: config.opsNetworks,
      // Division names and published item lists are cacheable at the gateway (`common/cache-hints.ts`).
      cacheHints: true,
      context: async (viewer, requestLogger) => new DivisionRequestContext(orm, viewer, division, requestLogger),
      onStop: () => orm.close(),
    });
    return { ...service, orm, division };
  } catch (error) {
    await orm.close();
    throw error;
  }
}
