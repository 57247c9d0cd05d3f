/**
 * What the gateway serves and where it sends fetches — the supergraph and the
 * division instances — and how both change while it runs: the supergraph when
 * its file changes or on SIGHUP, the division list on SIGHUP when `DIVISIONS`
 * names a file. Every change is checked before it is used, and a change that
 * fails the checks leaves what is in use alone.
 */
import type { GraphQLDataSource } from '@apollo/gateway';
import type { Registry } from 'prom-client';
import { ConfigError, readDivisionsFile, type DivisionEndpoint } from '../../common/config';
import type { Logger } from '../../common/logger';
import type { GatewayConfig } from './config';
import { runContract } from './division-contract/rules';
import { DivisionInstances, type DivisionListChange } from './division-instances';
import { expectedSdlFor, Readiness, type Probe } from './readiness';
import { SupergraphError, SupergraphFile, type LoadedSupergraph, type ReloadOutcome } from './supergraph/supergraph-file';

/** The logical subgraph whose fetches go to the division instances. */
export const DIVISION_SUBGRAPH = 'division';

export interface ReloadReport {
  supergraph: ReloadOutcome;
  /** Only when DIVISIONS names a file. */
  divisions?: DivisionListChange | { error: string };
}

export interface TopologyOptions<TContext extends object> {
  config: GatewayConfig;
  contextKey: Uint8Array;
  logger: Logger;
  registry: Registry;
  /** A division router over a list of instances (`createDivisionRoutingDataSource`). */
  buildRouter: (endpoints: DivisionEndpoint[]) => GraphQLDataSource<TContext>;
}

export class Topology<TContext extends object> {
  readonly supergraph: SupergraphFile;
  readonly divisions: DivisionInstances<TContext>;
  private readonly listeners: Array<() => void> = [];
  private reloading: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: TopologyOptions<TContext>) {
    const { config } = options;
    try {
      this.supergraph = new SupergraphFile({
        path: config.supergraphPath,
        logger: options.logger,
        registry: options.registry,
        admit: (next, current) => this.admitSupergraph(next, current),
        onSwap: () => this.changed(),
      });
    } catch (error) {
      if (error instanceof SupergraphError)
        throw new ConfigError('SUPERGRAPH_PATH', `${config.supergraphPath} is not a supergraph the gateway can serve: ${error.message}`);
      throw error;
    }
    if (this.hasDivisionSubgraph(this.supergraph.loaded) && config.divisions.length === 0) {
      throw new ConfigError(
        'DIVISIONS',
        `is required: the supergraph ${config.supergraphPath} has a "division" subgraph, e.g. DIVISIONS=ZA=http://127.0.0.1:4101/graphql,WA=…`,
      );
    }
    this.divisions = new DivisionInstances<TContext>(config.divisions, options.buildRouter);
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private hasDivisionSubgraph(supergraph: LoadedSupergraph): boolean {
    return supergraph.subgraphs.some((subgraph) => subgraph.name === DIVISION_SUBGRAPH);
  }

  /** Where the gateway sends a subgraph's fetches: the configured override, or the supergraph's URL. */
  urlOf(subgraph: { name: string; url: string }): string {
    return this.options.config.subgraphUrls[subgraph.name] ?? subgraph.url;
  }

  /** Every endpoint the gateway depends on: each plain subgraph, and each division instance instead of `division`. */
  probes(): Probe[] {
    const { supergraphPath } = this.options.config;
    const probes: Probe[] = [];
    for (const subgraph of this.supergraph.loaded.subgraphs) {
      const expectedSdl = expectedSdlFor(supergraphPath, subgraph.name);
      if (subgraph.name !== DIVISION_SUBGRAPH) {
        probes.push({ key: subgraph.name, url: this.urlOf(subgraph), expectedSdl });
        continue;
      }
      const refused = new Map(this.divisions.refused().map((instance) => [instance.code, instance]));
      for (const division of this.divisions.list()) {
        const refusal = refused.get(division.code);
        probes.push(
          refusal
            ? { key: `division:${division.code}`, url: refusal.url, refused: refusalText(refusal.failures) }
            : { key: `division:${division.code}`, url: division.url, expectedSdl },
        );
        refused.delete(division.code);
      }
      for (const refusal of refused.values()) probes.push({ key: `division:${refusal.code}`, url: refusal.url, refused: refusalText(refusal.failures) });
    }
    return probes;
  }

  /**
   * A replacement supergraph is refused when it has a division subgraph and no
   * division is configured, or when a subgraph it adds (or moves) does not
   * answer with its committed schema: traffic would fail the moment it arrived.
   */
  private async admitSupergraph(next: LoadedSupergraph, current: LoadedSupergraph): Promise<void> {
    if (this.hasDivisionSubgraph(next) && this.divisions.list().length === 0) {
      throw new Error('the new supergraph has a "division" subgraph, but DIVISIONS lists no division instance');
    }
    const before = new Map(current.subgraphs.map((subgraph) => [subgraph.name, this.urlOf(subgraph)]));
    const fresh = next.subgraphs.filter((subgraph) => subgraph.name !== DIVISION_SUBGRAPH && before.get(subgraph.name) !== this.urlOf(subgraph));
    if (fresh.length === 0) return;
    const check = new Readiness(
      fresh.map((subgraph) => ({
        key: subgraph.name,
        url: this.urlOf(subgraph),
        expectedSdl: expectedSdlFor(this.options.config.supergraphPath, subgraph.name),
      })),
      this.options.contextKey,
    );
    const report = await check.check();
    const failing = Object.entries(report.subgraphs).filter(([, state]) => !state.ok);
    if (failing.length) {
      throw new Error(
        `a subgraph the new supergraph adds does not answer as expected: ${failing.map(([name, state]) => `${name} at ${state.url}: ${state.error}`).join('; ')}`,
      );
    }
  }

  /** The admission rules of the division contract against one instance; the failed ones, or none. */
  private async admitDivision(endpoint: DivisionEndpoint): Promise<string[]> {
    const { config } = this.options;
    const results = await runContract(
      {
        url: endpoint.url,
        division: endpoint.code,
        contextSecret: config.contextSecret,
        expectedSdl: expectedSdlFor(config.supergraphPath, DIVISION_SUBGRAPH),
      },
      { phases: ['admission'] },
    );
    return results
      .filter((result) => result.outcome === 'fail')
      .map((result) => `${result.id} ${result.title}: expected ${result.expected}, got ${result.got}`);
  }

  /** SIGHUP: the division list (when it is a file), then the supergraph file; one reload at a time. */
  reload(): Promise<ReloadReport> {
    const next = this.reloading.then(async () => {
      const divisions = this.options.config.divisionsFile ? await this.reloadDivisions(this.options.config.divisionsFile) : undefined;
      const supergraph = await this.supergraph.reload('signal');
      return { supergraph, ...(divisions ? { divisions } : {}) };
    });
    this.reloading = next.catch(() => undefined);
    return next;
  }

  private async reloadDivisions(file: string): Promise<DivisionListChange | { error: string }> {
    let configured: DivisionEndpoint[];
    try {
      configured = readDivisionsFile(file);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.logger.error({ file, reason: message }, 'division list not re-read: the instances in use stay');
      return { error: message };
    }
    const change = await this.divisions.replace(configured, (endpoint) => this.admitDivision(endpoint));
    for (const refusal of change.refused) {
      this.options.logger.error(
        { division: refusal.code, url: refusal.url, failures: refusal.failures },
        'division instance refused: it fails the division contract',
      );
    }
    this.options.logger.info(
      { added: change.added, moved: change.moved, removed: change.removed, refused: change.refused.map((entry) => entry.code) },
      'division list re-read',
    );
    this.changed();
    return change;
  }
}

function refusalText(failures: string[]): string {
  return `DIVISION_CONTRACT_FAILED: ${failures.join('; ')}`;
}
