/**
 * The division instances the gateway routes to, and how that list changes
 * while the gateway runs (`DIVISIONS=@file`, re-read on SIGHUP).
 *
 * ApolloGateway builds one data source per subgraph name and keeps it, so the
 * `division` subgraph gets one data source that never changes and hands every
 * fetch to the router of the current list. A new list builds a new router
 * and swaps it in; a fetch already under way finishes on the router it began
 * with. An instance that is new, or moved to another URL, receives traffic only
 * after it passed the division contract's admission rules (schema, refusal of
 * unsigned requests, health); until then the old URL keeps serving, and a new
 * code stays out of the routing.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { DivisionEndpoint } from '../../common/config';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the gateway's context type is the caller's
type AnyContext = Record<string, any>;

/** An instance the gateway did not admit, with the contract rules it failed. */
export interface RefusedInstance {
  code: string;
  url: string;
  failures: string[];
}

export interface DivisionListChange {
  added: string[];
  moved: string[];
  removed: string[];
  refused: RefusedInstance[];
  /** The list in use after the change, in configuration order. */
  endpoints: DivisionEndpoint[];
}

export class DivisionInstances<TContext extends AnyContext = AnyContext> {
  private endpoints: DivisionEndpoint[];
  private router: GraphQLDataSource<TContext>;
  private refusedInstances: RefusedInstance[] = [];

  /** The data source ApolloGateway keeps for the `division` subgraph; it follows every change of the list. */
  readonly dataSource: GraphQLDataSource<TContext>;

  constructor(
    endpoints: DivisionEndpoint[],
    private readonly buildRouter: (endpoints: DivisionEndpoint[]) => GraphQLDataSource<TContext>,
  ) {
    this.endpoints = [...endpoints];
    this.router = buildRouter(this.endpoints);
    this.dataSource = { process: (options: GraphQLDataSourceProcessOptions<TContext>) => this.router.process(options) };
  }

  list(): DivisionEndpoint[] {
    return [...this.endpoints];
  }

  /** Instances of the configured list that are not in use, because they failed admission. */
  refused(): RefusedInstance[] {
    return [...this.refusedInstances];
  }

  /**
   * Moves to a new configured list. `admit` runs the contract's admission rules
   * against an instance and returns the failed ones (empty: admitted). Unchanged
   * instances are not asked again.
   */
  async replace(configured: DivisionEndpoint[], admit: (endpoint: DivisionEndpoint) => Promise<string[]>): Promise<DivisionListChange> {
    const inUse = new Map(this.endpoints.map((endpoint) => [endpoint.code, endpoint]));
    const candidates = configured.filter((endpoint) => inUse.get(endpoint.code)?.url !== endpoint.url);
    const verdicts = new Map(await Promise.all(candidates.map(async (endpoint) => [endpoint.code, await admit(endpoint)] as const)));
    const refused: RefusedInstance[] = [];
    const next: DivisionEndpoint[] = [];
    for (const endpoint of configured) {
      const failures = verdicts.get(endpoint.code);
      if (failures === undefined || failures.length === 0) {
        next.push(endpoint);
        continue;
      }
      refused.push({ code: endpoint.code, url: endpoint.url, failures });
      // A moved instance that failed: the old URL keeps serving until the new one passes.
      const old = inUse.get(endpoint.code);
      if (old) next.push(old);
    }
    const change: DivisionListChange = {
      added: next.filter((endpoint) => !inUse.has(endpoint.code)).map((endpoint) => endpoint.code),
      moved: next.filter((endpoint) => inUse.has(endpoint.code) && inUse.get(endpoint.code)!.url !== endpoint.url).map((endpoint) => endpoint.code),
      removed: this.endpoints.filter((endpoint) => !configured.some((other) => other.code === endpoint.code)).map((endpoint) => endpoint.code),
      refused,
      endpoints: next,
    };
    this.refusedInstances = refused;
    const changed =
      next.length !== this.endpoints.length ||
      next.some((endpoint, index) => endpoint.url !== this.endpoints[index]?.url || endpoint.code !== this.endpoints[index]?.code);
    if (changed) {
      this.router = this.buildRouter(next);
      this.endpoints = next;
    }
    return change;
  }
}
