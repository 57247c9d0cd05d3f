import 'reflect-metadata';
import { createLogger } from '../../common/logger';
import { runService } from '../../common/main-support';
import { createGateway } from './app';
import { gatewayConfigFromEnv } from './config';

const logger = createLogger('gateway');

void runService(logger, async () => createGateway(gatewayConfigFromEnv(process.env), logger));
