import { contextKey } from '../../../common/context-token';
import { shanghaiDate } from '../../../common/dates';
import type { RunningService } from '../../../common/http-server';
import { createLogger, type Logger } from '../../../common/logger';
import { ServiceMetrics } from '../../../common/metrics';
import { openDatabase, type DatabaseLocation, type Orm } from '../../../common/orm';
import { startSubgraphServer } from '../../../common/subgraph-server';
import { lodgingMigrations } from '../migrations';
import type { LodgingContext } from './context';
import { lodgingEntities } from './entities';
import { createLodgingLoaders } from './loaders';
import { buildLodgingSchema } from './schema';
import { seedLodgingDemo } from './seed/seed';

export interface LodgingServiceConfig {
  port: number;
  host?: string;
  database: DatabaseLocation;
  contextSecret: string;
  /** The division whose hotels the system holds; its directory entries are the ones extended (default ZA). */
  division?: string;
  production?: boolean;
  /** `demo` fills an empty database with the demonstration hotels. */
  seed?: 'demo' | 'none';
  /** Reference date of the demo months, default today. */
  today?: string;
  logger?: Logger;
}

export interface LodgingService extends RunningService {
  orm: Orm;
}

/**
 * 旅馆业治安管理信息系统 — 治安's hotel guest-registration system as an extension
 * subgraph: its own database, its own HTTP server, the context-token check every
 * subgraph makes.
 */
export async function createLodgingService(config: LodgingServiceConfig): Promise<LodgingService> {
  const logger = config.logger ?? createLogger('lodging');
  const division = config.division ?? 'ZA';
  const orm = await openDatabase({
    location: config.database,
    entities: lodgingEntities,
    migrations: lodgingMigrations,
    log: (message) => logger.debug(message),
  });
  try {
    if (config.seed === 'demo' && (await seedLodgingDemo(orm, division, config.today ?? shanghaiDate())))
      logger.info('demo hotels loaded into an empty database');
    const service = await startSubgraphServer<LodgingContext>({
      name: 'lodging',
      schema: await buildLodgingSchema(),
      port: config.port,
      host: config.host,
      contextKey: contextKey(config.contextSecret),
      logger,
      metrics: new ServiceMetrics('lodging'),
      production: config.production ?? false,
      context: async (viewer, requestLogger) => {
        const em = orm.em.fork();
        return { viewer, em, loaders: createLodgingLoaders(em), division, logger: requestLogger };
      },
      onStop: () => orm.close(),
    });
    return { ...service, orm };
  } catch (error) {
    await orm.close();
    throw error;
  }
}
