import 'reflect-metadata';
import { join } from 'node:path';
import { isProduction, parseDivisions, readDataDir, readDatabaseUrl, readPort, readSecret, readOpsNetworks } from '../../../common/config';
import { createLogger } from '../../../common/logger';
import { runService } from '../../../common/main-support';
import { databaseLocation } from '../../../common/orm';
import { createJointService } from './app';

const env = process.env;
const logger = createLogger('joint');

void runService(logger, async () =>
  createJointService({
    port: readPort(env, 4100),
    database: databaseLocation(readDatabaseUrl(env), join(readDataDir(env), 'joint.sqlite')),
    contextSecret: readSecret(env, 'CONTEXT_SECRET', { required: true })!,
    divisions: parseDivisions(env.DIVISIONS),
    production: isProduction(env),
    opsNetworks: readOpsNetworks(env),
    logger,
  }),
);
