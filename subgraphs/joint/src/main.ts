import 'reflect-metadata';
import { join } from 'node:path';
import {
  ConfigError,
  isProduction,
  readDataDir,
  readDatabaseUrl,
  readDivisionsFile,
  readDivisionsSetting,
  readOpsNetworks,
  readPort,
  readSecret,
} from '../../../common/config';
import { createLogger } from '../../../common/logger';
import { runService } from '../../../common/main-support';
import { databaseLocation } from '../../../common/orm';
import { createJointService } from './app';

const env = process.env;

/** EVIDENCE_KEEP_LOCATION: division codes whose evidence photos keep their EXIF location, e.g. `JJ,ZA`; none by default. */
function readKeepLocation(raw: string | undefined): string[] {
  const codes = (raw ?? '')
    .split(',')
    .map((code) => code.trim())
    .filter(Boolean);
  const bad = codes.find((code) => !/^[A-Z][A-Z0-9]{0,15}$/.test(code));
  if (bad) throw new ConfigError('EVIDENCE_KEEP_LOCATION', `"${bad}" is not a division code (comma-separated codes such as ZA,JJ)`);
  return codes;
}
const logger = createLogger('joint');

void runService(logger, async () => {
  const divisions = readDivisionsSetting(env.DIVISIONS);
  const service = await createJointService({
    port: readPort(env, 4100),
    database: databaseLocation(readDatabaseUrl(env), join(readDataDir(env), 'joint.sqlite')),
    contextSecret: readSecret(env, 'CONTEXT_SECRET', { required: true })!,
    divisions: divisions.endpoints,
    production: isProduction(env),
    opsNetworks: readOpsNetworks(env),
    evidence: { keepLocation: readKeepLocation(env.EVIDENCE_KEEP_LOCATION) },
    logger,
  });
  const { file } = divisions;
  if (!file) return service;
  // DIVISIONS=@file: SIGHUP re-reads the list, as the gateway does; a file that does not read keeps the list in use.
  return {
    ...service,
    reload: async () => {
      const endpoints = readDivisionsFile(file);
      service.divisions.replace(endpoints);
      return { divisions: endpoints.map((endpoint) => endpoint.code) };
    },
  };
});
