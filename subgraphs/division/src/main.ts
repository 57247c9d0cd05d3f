import 'reflect-metadata';
import { join } from 'node:path';
import { isProduction, readDataDir, readDatabaseUrl, readDivisionCode, readPort, readSecret, readOpsNetworks } from '../../../common/config';
import { createLogger } from '../../../common/logger';
import { runService } from '../../../common/main-support';
import { databaseLocation } from '../../../common/orm';
import { createDivisionService } from './app';

const env = process.env;
const logger = createLogger(`division:${env.DIVISION ?? '?'}`);

void runService(logger, async () => {
  const division = readDivisionCode(env);
  return createDivisionService({
    division,
    divisionName: env.DIVISION_NAME || undefined,
    port: readPort(env, 4101),
    database: databaseLocation(readDatabaseUrl(env), join(readDataDir(env), `division-${division}.sqlite`)),
    contextSecret: readSecret(env, 'CONTEXT_SECRET', { required: true })!,
    production: isProduction(env),
    opsNetworks: readOpsNetworks(env),
    seed: env.SEED === 'demo' ? 'demo' : 'none',
    logger,
  });
});
