import 'reflect-metadata';
import { createLogger } from '../../common/logger';
import { runService } from '../../common/main-support';
import { createIdentityService } from './app';
import { readIdentityConfig } from './config';

const logger = createLogger('identity');

void runService(logger, async () => createIdentityService({ ...readIdentityConfig(process.env), logger }));
