import 'reflect-metadata';
import { join } from 'node:path';
import { isProduction, readDataDir, readDatabaseUrl, readDivisionCode, readPort, readSecret } from '../../../common/config';
import { createLogger } from '../../../common/logger';
import { runService } from '../../../common/main-support';
import { databaseLocation } from '../../../common/orm';
import { createLodgingService } from './app';

const env = process.env;
const logger = createLogger('lodging');

void runService(logger, async () =>
  createLodgingService({
    port: readPort(env, 4110),
    database: databaseLocation(readDatabaseUrl(env), join(readDataDir(env), 'lodging.sqlite')),
    contextSecret: readSecret(env, 'CONTEXT_SECRET', { required: true })!,
    division: env.LODGING_DIVISION ? readDivisionCode(env, 'LODGING_DIVISION') : 'ZA',
    production: isProduction(env),
    seed: env.SEED === 'demo' ? 'demo' : 'none',
    logger,
  }),
);
