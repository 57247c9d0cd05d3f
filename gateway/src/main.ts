import 'reflect-metadata';
import { createLogger } from '../../subgraphs/common/src/logger';
import { runService } from '../../subgraphs/common/src/main-support';
import { createGateway } from './app';
import { gatewayConfigFromEnv } from './config';

const logger = createLogger('gateway');

void runService(logger, async () => createGateway(gatewayConfigFromEnv(process.env), logger));
