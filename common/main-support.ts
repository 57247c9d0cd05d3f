import type { RunningService } from './http-server';
import type { Logger } from './logger';
import { ConfigError } from './config';

/** A service that can re-read its configuration while it runs (the gateway: supergraph and division list). */
export interface ReloadableService extends RunningService {
  reload?: () => Promise<unknown>;
}

/**
 * Starts a service from a `main.ts`: configuration errors stop the process with
 * a message naming the variable; SIGTERM and SIGINT drain in-flight requests;
 * SIGHUP re-reads what a service can reload (and is left alone by the others).
 */
export async function runService(logger: Logger, start: () => Promise<ReloadableService>): Promise<void> {
  let service: ReloadableService;
  try {
    service = await start();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`配置错误 (configuration error) — ${error.message}`);
      process.exit(78);
    }
    logger.fatal({ err: error }, 'service failed to start');
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  logger.info({ url: service.url }, 'listening');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: draining in-flight requests');
    service
      .stop()
      .then(() => process.exit(0))
      .catch((error) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  const reload = service.reload;
  if (reload) {
    process.on('SIGHUP', () => {
      logger.info({ signal: 'SIGHUP' }, 'reloading configuration');
      reload.call(service).then(
        (report) => logger.info({ report }, 'configuration reloaded'),
        (error) => logger.error({ err: error }, 'reload failed'),
      );
    });
  }
}
