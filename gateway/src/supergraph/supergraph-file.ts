/**
 * The supergraph the gateway plans with: read from SUPERGRAPH_PATH at start,
 * and replaced while the gateway runs when the file changes or the process
 * gets SIGHUP. A new supergraph goes through @apollo/gateway's own update path
 * (the `supergraphSdl` hook's `update`), so requests in flight finish on the
 * plan they started with and the next ones are planned on the new schema.
 *
 * A file that does not load — unreadable, not a valid supergraph, or refused by
 * the gateway's own checks — never replaces the supergraph in use: the reason
 * goes to the log, to `/ready` (`supergraph.lastFailure`) and to the metrics.
 */
import { Supergraph } from '@apollo/federation-internals';
import type { SupergraphSdlHook } from '@apollo/gateway';
import { createHash } from 'node:crypto';
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from '../../../common/logger';

export interface SubgraphEntry {
  name: string;
  /** As the supergraph gives it (before the gateway's URL overrides). */
  url: string;
}

/** A supergraph that builds: its text, a short id and the subgraphs it names. */
export interface LoadedSupergraph {
  sdl: string;
  /** The first 12 hex digits of the SHA-256 of the text. */
  id: string;
  subgraphs: SubgraphEntry[];
}

export class SupergraphError extends Error {}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Checks a supergraph the way the gateway will use it: it must build and
 * validate, yield an API schema, and every subgraph must be extractable (the
 * query planner needs each one). Throws SupergraphError saying what is wrong.
 */
export function readSupergraph(sdl: string): LoadedSupergraph {
  let supergraph: Supergraph;
  try {
    supergraph = Supergraph.build(sdl, { validateSupergraph: true });
    supergraph.apiSchema();
    supergraph.subgraphs();
  } catch (error) {
    throw new SupergraphError(reasonOf(error));
  }
  return {
    sdl,
    id: createHash('sha256').update(sdl).digest('hex').slice(0, 12),
    subgraphs: supergraph.subgraphsMetadata().map(({ name, url }) => ({ name, url })),
  };
}

/** What `/ready` shows about the supergraph. */
export interface SupergraphStatus {
  path: string;
  id: string;
  subgraphs: string[];
  loadedAt: string;
  /** The last replacement that was refused, while the supergraph in use stays: cleared by the next one that loads. */
  lastFailure?: { at: string; reason: string };
}

export type ReloadOutcome =
  { outcome: 'unchanged'; id: string } | { outcome: 'swapped'; id: string; previous: string } | { outcome: 'refused'; reason: string };

export interface SupergraphFileOptions {
  path: string;
  logger: Logger;
  /** Where the reload metrics are registered (the gateway's /metrics). */
  registry: Registry;
  /** The gateway's own checks of a replacement (e.g. new subgraphs must answer); throws to refuse it. */
  admit?: (next: LoadedSupergraph, current: LoadedSupergraph) => Promise<void>;
  /** Called once a replacement is in use. */
  onSwap?: (next: LoadedSupergraph, previous: LoadedSupergraph) => void;
  /** Follow changes of the file (default true); SIGHUP and `reload()` work either way. */
  watch?: boolean;
}

/** Changes arrive as several events (truncate, write, rename): one reload after they settle. */
const SETTLE_MS = 150;

export class SupergraphFile {
  private current: LoadedSupergraph;
  private loadedAt = new Date();
  private lastFailure?: { at: string; reason: string };
  private update?: (supergraphSdl: string) => void;
  private queue: Promise<unknown> = Promise.resolve();
  private watcher?: FSWatcher;
  private settle?: NodeJS.Timeout;
  private closed = false;
  private readonly reloads: Counter<'outcome'>;
  private readonly failed: Gauge;
  private readonly loadedGauge: Gauge;

  /** Reads the file once; throws SupergraphError when the gateway cannot start on it. */
  constructor(private readonly options: SupergraphFileOptions) {
    this.current = readSupergraph(this.read());
    this.reloads = new Counter({
      name: 'ssj_supergraph_reloads_total',
      help: 'Attempts to replace the supergraph while running, by outcome (swapped, refused)',
      labelNames: ['outcome'],
      registers: [options.registry],
    });
    this.failed = new Gauge({
      name: 'ssj_supergraph_reload_failed',
      help: '1 while the last replacement of the supergraph was refused and the previous one is still in use',
      registers: [options.registry],
    });
    this.loadedGauge = new Gauge({
      name: 'ssj_supergraph_loaded_timestamp_seconds',
      help: 'When the supergraph in use was loaded',
      registers: [options.registry],
    });
    this.loadedGauge.set(this.loadedAt.getTime() / 1000);
  }

  get loaded(): LoadedSupergraph {
    return this.current;
  }

  status(): SupergraphStatus {
    return {
      path: this.options.path,
      id: this.current.id,
      subgraphs: this.current.subgraphs.map((subgraph) => subgraph.name),
      loadedAt: this.loadedAt.toISOString(),
      ...(this.lastFailure ? { lastFailure: this.lastFailure } : {}),
    };
  }

  /** The `supergraphSdl` option of ApolloGateway: hands over the file's supergraph and keeps the update callback. */
  hook(): SupergraphSdlHook {
    return async ({ update }) => {
      this.update = update;
      if (this.options.watch !== false) this.startWatching();
      return { supergraphSdl: this.current.sdl, cleanup: async () => this.close() };
    };
  }

  /**
   * Reads the file again and swaps it in when it differs and loads. Reloads run
   * one after the other, so a change and a SIGHUP never race.
   */
  reload(trigger: 'change' | 'signal' | 'request' = 'request'): Promise<ReloadOutcome> {
    const next = this.queue.then(() => this.reloadNow(trigger));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private read(): string {
    try {
      return readFileSync(this.options.path, 'utf8');
    } catch (error) {
      throw new SupergraphError(`cannot read ${this.options.path}: ${(error as NodeJS.ErrnoException).code ?? reasonOf(error)}`);
    }
  }

  private async reloadNow(trigger: string): Promise<ReloadOutcome> {
    if (this.closed) return { outcome: 'unchanged', id: this.current.id };
    let next: LoadedSupergraph;
    try {
      const sdl = this.read();
      if (sdl === this.current.sdl) {
        // The file is back to what is in use: an earlier refusal no longer applies.
        this.clearFailure();
        return { outcome: 'unchanged', id: this.current.id };
      }
      next = readSupergraph(sdl);
      await this.options.admit?.(next, this.current);
      if (!this.update) throw new SupergraphError('the gateway has not loaded its first supergraph yet');
      this.update(next.sdl);
    } catch (error) {
      return this.refuse(trigger, reasonOf(error));
    }
    const previous = this.current;
    this.current = next;
    this.loadedAt = new Date();
    this.loadedGauge.set(this.loadedAt.getTime() / 1000);
    this.clearFailure();
    this.reloads.inc({ outcome: 'swapped' });
    this.options.logger.info(
      { trigger, id: next.id, previous: previous.id, subgraphs: next.subgraphs.map((subgraph) => subgraph.name) },
      'supergraph replaced',
    );
    try {
      this.options.onSwap?.(next, previous);
    } catch (error) {
      this.options.logger.error({ err: error }, 'after replacing the supergraph');
    }
    return { outcome: 'swapped', id: next.id, previous: previous.id };
  }

  private refuse(trigger: string, reason: string): ReloadOutcome {
    this.lastFailure = { at: new Date().toISOString(), reason };
    this.failed.set(1);
    this.reloads.inc({ outcome: 'refused' });
    this.options.logger.error(
      { trigger, path: this.options.path, reason, inUse: this.current.id },
      'supergraph not replaced: the new file does not load, the previous supergraph stays in use',
    );
    return { outcome: 'refused', reason };
  }

  private clearFailure(): void {
    this.lastFailure = undefined;
    this.failed.set(0);
  }

  /**
   * Watches the folder rather than the file: tools replace a file by renaming
   * a new one over it (and Kubernetes swaps a symlinked folder), which a watch
   * on the old file would never see. Unrelated events cost one read: a file
   * whose text did not change is left alone.
   */
  private startWatching(): void {
    try {
      this.watcher = watch(dirname(this.options.path), { persistent: false }, () => {
        clearTimeout(this.settle);
        this.settle = setTimeout(() => void this.reload('change'), SETTLE_MS);
        this.settle.unref();
      });
      this.watcher.on('error', (error) => {
        this.options.logger.warn({ err: error, path: this.options.path }, 'cannot watch the supergraph file any longer; SIGHUP still reloads it');
      });
    } catch (error) {
      this.options.logger.warn({ err: error, path: this.options.path }, 'cannot watch the supergraph file; SIGHUP reloads it');
    }
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.settle);
    this.watcher?.close();
  }
}
