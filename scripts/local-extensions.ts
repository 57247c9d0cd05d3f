/**
 * The extension subgraphs `npm start` can run itself because their code lives
 * here (subgraphs/lodging). It starts one only when
 * schema/extension-subgraphs.json lists it, as the supergraph does; an entry
 * of another system is expected to run elsewhere, at its URL.
 */
import { join } from 'node:path';
import type { RunningService } from '../common/http-server';
import type { Logger } from '../common/logger';
import { createLodgingService } from '../subgraphs/lodging/src/app';
import { readExtensionConfig } from './extension-subgraphs';

export interface LocalExtensionOptions {
  dataDir: string;
  port: number;
  host: string;
  contextSecret: string;
  seed: 'demo' | 'none';
  logger: Logger;
}

const LOCAL: Record<string, { title: string; start: (options: LocalExtensionOptions) => Promise<RunningService> }> = {
  lodging: {
    title: '旅馆业治安管理信息系统 (lodging, extension subgraph)',
    start: (options) =>
      createLodgingService({
        port: options.port,
        host: options.host,
        database: { kind: 'sqlite', file: join(options.dataDir, 'lodging.sqlite') },
        contextSecret: options.contextSecret,
        seed: options.seed,
        logger: options.logger,
      }),
  },
};

/** The configured extension subgraphs this repository can run, in configuration order. */
export function localExtensions(
  configFile?: string,
): Array<{ name: string; title: string; start: (options: LocalExtensionOptions) => Promise<RunningService> }> {
  return readExtensionConfig(configFile).flatMap((entry) => {
    const local = LOCAL[entry.name];
    return local ? [{ name: entry.name, ...local }] : [];
  });
}
