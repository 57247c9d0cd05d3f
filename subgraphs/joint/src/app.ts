import type { DivisionEndpoint } from '../../../common/config';
import { contextKey } from '../../../common/context-token';
import { downloadKey } from '../../../common/download-url';
import type { RunningService } from '../../../common/http-server';
import { createLogger, type Logger } from '../../../common/logger';
import { openDatabase, type DatabaseLocation, type Orm } from '../../../common/orm';
import { ServiceMetrics } from '../../../common/metrics';
import { startSubgraphServer } from '../../../common/subgraph-server';
import { jointMetrics } from './metrics';
import { jointMigrations } from '../migrations';
import { CalendarYearRow } from './calendar/calendar-year.entity';
import { WorkingDayCalendar } from './calendar/working-days';
import type { JointContext } from './context';
import { DivisionDirectoryClient } from './divisions/division-client';
import { mountDrawRecords } from './draw/draw-record.route';
import { databaseAttachmentStores, type AttachmentStores } from './evidence/attachment-store';
import { mountEvidence } from './evidence/evidence.route';
import { DrawVerifier } from './draw/draw-verifier';
import { DrawVerifications } from './draw/draw-verifications';
import { jointEntities } from './entities';
import { createJointLoaders } from './loaders';
import { buildJointSchema } from './schema';

export interface JointServiceConfig {
  port: number;
  host?: string;
  database: DatabaseLocation;
  contextSecret: string;
  /** Division instances the joint office reads pools and item lists from. */
  divisions: DivisionEndpoint[];
  production?: boolean;
  /** Where /metrics may be read from (OPS_NETWORKS); this machine by default outside production. */
  opsNetworks?: readonly string[];
  logger?: Logger;
  /** The clock; tests may fix it. */
  now?: () => Date;
  /** 证据材料: the largest file, the divisions that keep a photo's EXIF location, and where files are stored (this database by default). */
  evidence?: { maxBytes?: number; keepLocation?: readonly string[]; stores?: AttachmentStores };
}

export interface JointService extends RunningService {
  orm: Orm;
  verifications: DrawVerifications;
  /** The division instances it reads item lists and pools from. */
  divisions: DivisionDirectoryClient;
}

/** The joint office's subgraph: tasks, draws, results, publication, credit, audit. */
export async function createJointService(config: JointServiceConfig): Promise<JointService> {
  const logger = config.logger ?? createLogger('joint');
  const orm = await openDatabase({ location: config.database, entities: jointEntities, migrations: jointMigrations, log: (message) => logger.debug(message) });
  try {
    const key = contextKey(config.contextSecret);
    const divisions = new DivisionDirectoryClient(config.divisions, key);
    const downloads = downloadKey(key);
    const attachmentStores = config.evidence?.stores ?? databaseAttachmentStores;
    const now = config.now ?? (() => new Date());
    const schema = await buildJointSchema();
    const metrics = new ServiceMetrics('joint');
    const measures = jointMetrics(metrics);
    const verifications = new DrawVerifications(orm, new DrawVerifier(), logger, now);
    const service = await startSubgraphServer<JointContext>({
      name: 'joint',
      schema,
      port: config.port,
      host: config.host,
      contextKey: key,
      logger,
      metrics,
      production: config.production ?? false,
      opsNetworks: config.opsNetworks,
      context: async (viewer, requestLogger) => {
        const em = orm.em.fork();
        let calendar: Promise<WorkingDayCalendar> | undefined;
        return {
          viewer,
          em,
          loaders: createJointLoaders(em),
          divisions,
          calendar: () =>
            (calendar ??= em
              .find(CalendarYearRow, {})
              .then((years) => new WorkingDayCalendar(years.map(({ year, holidays, workdays }) => ({ year, holidays, workdays }))))),
          now,
          metrics: measures,
          verifications,
          logger: requestLogger,
          downloadKey: downloads,
          attachmentStores,
        };
      },
      routes: (app, requireContext) => {
        mountDrawRecords(app, requireContext, orm);
        mountEvidence(app, requireContext, orm, {
          stores: attachmentStores,
          keepLocation: config.evidence?.keepLocation ?? [],
          now,
          maxBytes: config.evidence?.maxBytes,
        });
      },
      onStop: async () => {
        await verifications.close();
        await orm.close();
      },
    });
    // Draws stored before verifications were kept, or whose verification was cut short, are verified now, in the background.
    void verifications.verifyUnverified().catch((error: unknown) => logger.warn({ err: error }, 'older draws could not be verified'));
    return { ...service, orm, verifications, divisions };
  } catch (error) {
    await orm.close();
    throw error;
  }
}
