/**
 * The Apollo adapter of division routing: a `GraphQLDataSource` the gateway
 * uses for the logical subgraph `division`. It plans each fetch with the pure
 * functions of `division-routing`, sends the parts through one data source per
 * division instance, and merges their answers.
 *
 * Wiring:
 *
 *   new ApolloGateway({
 *     supergraphSdl,
 *     buildService: ({ name, url }) =>
 *       name === 'division'
 *         ? createDivisionRoutingDataSource({ divisions, willSendRequest, status })
 *         : new RemoteGraphQLDataSource({ url }),
 *   })
 */
import { RemoteGraphQLDataSource, type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { divisionSchemaMismatch, divisionUnavailable, unroutableMessage } from './division-errors';
import { mergeableQuery, mergeFetches, splitBatchedResponse } from './fetch-batch';
import {
  mergeDivisionResponses,
  routeDivisionFetch,
  type DivisionFetchPlan,
  type DivisionPart,
  type DivisionPartRequest,
  type DivisionPartResult,
  type DivisionResponse,
} from './division-routing';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the gateway's context type is the caller's
type AnyContext = Record<string, any>;
type SubgraphRequest = GraphQLDataSourceProcessOptions['request'];
type SubgraphHttpRequest = NonNullable<SubgraphRequest['http']>;
type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * What the readiness check knows about an instance: `mismatch` means its
 * `_service { sdl }` differs from the committed division schema, so the
 * gateway must not send it fetches planned for another schema; `unknown`
 * (not checked yet) is tried like `ok`.
 */
export type DivisionStatus = 'ok' | 'mismatch' | 'unknown';

export interface DivisionInstance<TContext extends AnyContext = AnyContext> {
  readonly code: string;
  readonly dataSource: GraphQLDataSource<TContext>;
}

/** Something went wrong with one division's part; for logs and metrics. */
export interface DivisionErrorEvent {
  readonly division?: string;
  readonly error: unknown;
}

export interface DivisionRoutingDataSourceOptions<TContext extends AnyContext = AnyContext> {
  /** One entry per division, in configuration order. */
  readonly divisions: ReadonlyArray<DivisionInstance<TContext>>;
  readonly status?: (code: string) => DivisionStatus;
  readonly onDivisionError?: (event: DivisionErrorEvent) => void;
}

/** Parts for one instance waiting for the end of the current turn of the event loop, to be sent as one request. */
interface PendingBatch<TContext extends AnyContext> {
  readonly options: GraphQLDataSourceProcessOptions<TContext>;
  readonly parts: Array<{ request: DivisionPartRequest; resolve: (answer: unknown) => void; reject: (error: unknown) => void }>;
}

export class DivisionRoutingDataSource<TContext extends AnyContext = AnyContext> implements GraphQLDataSource<TContext> {
  private readonly codes: readonly string[];
  private readonly instances: ReadonlyMap<string, GraphQLDataSource<TContext>>;
  /** Per incoming request (its context object) and division: the query parts not sent yet. */
  private readonly pending = new WeakMap<object, Map<string, PendingBatch<TContext>>>();

  constructor(private readonly options: DivisionRoutingDataSourceOptions<TContext>) {
    this.codes = options.divisions.map((division) => division.code);
    this.instances = new Map(options.divisions.map((division) => [division.code, division.dataSource]));
    if (this.codes.some((code) => code === '')) throw new Error('a division code must not be empty');
    if (this.instances.size !== this.codes.length) throw new Error(`division codes must be unique: ${this.codes.join(', ')}`);
  }

  /**
   * Never throws: the gateway turns a throwing data source into one pathless
   * INTERNAL_SERVER_ERROR for the whole fetch, losing the divisions that did
   * answer. Every failure becomes an error in the response instead.
   */
  async process(options: GraphQLDataSourceProcessOptions<TContext>): Promise<SubgraphResponse> {
    try {
      const plan = this.plan(options);
      const results = await this.execute(plan, options);
      return mergeDivisionResponses(plan, results);
    } catch (error) {
      this.report({ error });
      return { errors: [{ message: unroutableMessage('internal error'), extensions: { code: 'DIVISION_ROUTING_FAILED' } }] };
    }
  }

  private plan(options: GraphQLDataSourceProcessOptions<TContext>): DivisionFetchPlan {
    const { query, variables, operationName } = options.request;
    // Only an incoming operation has a client operation and a document; health checks have neither.
    const incoming = 'incomingRequestContext' in options ? options : undefined;
    return routeDivisionFetch(
      { query: query ?? '', variables, operationName },
      {
        divisions: this.codes,
        fallbackVariableDefinitions: incoming?.incomingRequestContext?.operation?.variableDefinitions,
      },
      incoming?.document,
    );
  }

  /** Query parts concurrently; mutation runs one after another, in order, like GraphQL's serial execution. */
  private async execute(plan: DivisionFetchPlan, options: GraphQLDataSourceProcessOptions<TContext>): Promise<DivisionPartResult[]> {
    if (plan.execution === 'concurrent') {
      return Promise.all(plan.parts.map((part) => this.send(part, options)));
    }
    const results: DivisionPartResult[] = [];
    for (const part of plan.parts) results.push(await this.send(part, options));
    return results;
  }

  /**
   * One part to one instance. The status is read on every call and failures
   * are not remembered, so an instance that comes back is used by the very
   * next request.
   */
  private async send(part: DivisionPart, options: GraphQLDataSourceProcessOptions<TContext>): Promise<DivisionPartResult> {
    const { division } = part;
    try {
      if (this.options.status?.(division) === 'mismatch') return divisionSchemaMismatch(division);
      const dataSource = this.instances.get(division);
      if (!dataSource) return divisionUnavailable(division);
      const response: unknown = await this.dispatch(division, dataSource, part.request, options);
      if (isGraphQLResponse(response)) return response;
      this.report({ division, error: new Error('the division answered with something that is not a GraphQL response') });
      return divisionUnavailable(division);
    } catch (error) {
      const answered = graphQLAnswerOf(error);
      if (answered) return answered;
      this.report({ division, error });
      return divisionUnavailable(division);
    }
  }

  /**
   * Sends a query part together with the other parts of the same incoming
   * request for the same instance that are planned in this turn of the event
   * loop (the parallel fetches of one plan step): one request instead of one
   * per fetch (see `fetch-batch`). Mutations, health checks and parts that
   * cannot be merged go on their own, at once.
   */
  private dispatch(
    division: string,
    dataSource: GraphQLDataSource<TContext>,
    request: DivisionPartRequest,
    options: GraphQLDataSourceProcessOptions<TContext>,
  ): Promise<unknown> {
    const incoming = 'incomingRequestContext' in options && typeof options.context === 'object' && options.context !== null;
    if (!incoming || !mergeableQuery(request)) return Promise.resolve(dataSource.process(optionsForPart(options, request)));
    const key = options.context as object;
    let byDivision = this.pending.get(key);
    if (!byDivision) {
      byDivision = new Map();
      this.pending.set(key, byDivision);
    }
    let batch = byDivision.get(division);
    if (!batch) {
      const created: PendingBatch<TContext> = { options, parts: [] };
      const waiting = byDivision;
      byDivision.set(division, created);
      setImmediate(() => {
        waiting.delete(division);
        void this.flush(dataSource, created);
      });
      batch = created;
    }
    const parts = batch.parts;
    return new Promise((resolve, reject) => parts.push({ request, resolve, reject }));
  }

  private async flush(dataSource: GraphQLDataSource<TContext>, batch: PendingBatch<TContext>): Promise<void> {
    const { parts } = batch;
    if (parts.length === 1) {
      const [only] = parts;
      Promise.resolve(dataSource.process(optionsForPart(batch.options, only.request))).then(only.resolve, only.reject);
      return;
    }
    const settle = (answer: unknown) => {
      if (!isGraphQLResponse(answer)) return parts.forEach((part) => part.resolve(answer));
      splitBatchedResponse(answer, parts.length).forEach((share, index) => parts[index].resolve(share));
    };
    try {
      settle(await dataSource.process(optionsForPart(batch.options, mergeFetches(parts.map((part) => part.request)))));
    } catch (error) {
      const answered = graphQLAnswerOf(error);
      if (answered) settle(answered);
      else parts.forEach((part) => part.reject(error));
    }
  }

  private report(event: DivisionErrorEvent): void {
    try {
      this.options.onDivisionError?.(event);
    } catch {
      // A failing logger must not turn a handled division failure into a lost fetch.
    }
  }
}

/**
 * The options one instance receives: the gateway's kind, context and incoming
 * request context, with the part's own request. `RemoteGraphQLDataSource`
 * replaces `request.http` and `willSendRequest` hooks mutate its headers, so
 * every part gets its own copy. The fetch's `document` describes the whole
 * fetch, not the part, so it is not passed on.
 */
function optionsForPart<TContext extends AnyContext>(
  options: GraphQLDataSourceProcessOptions<TContext>,
  part: DivisionPartRequest,
): GraphQLDataSourceProcessOptions<TContext> {
  const request: SubgraphRequest = {
    ...options.request,
    query: part.query,
    variables: part.variables,
    operationName: part.operationName,
    http: copyHttp(options.request.http),
  };
  const { document: _wholeFetch, ...rest } = options as GraphQLDataSourceProcessOptions<TContext> & { document?: unknown };
  return { ...rest, request } as GraphQLDataSourceProcessOptions<TContext>;
}

function copyHttp(http: SubgraphHttpRequest | undefined): SubgraphHttpRequest | undefined {
  if (!http) return undefined;
  return { ...http, headers: new Headers([...http.headers]) };
}

function isGraphQLResponse(value: unknown): value is DivisionResponse {
  if (typeof value !== 'object' || value === null) return false;
  const response = value as { data?: unknown; errors?: unknown };
  const hasData = 'data' in response && (response.data === null || typeof response.data === 'object');
  return hasData || Array.isArray(response.errors);
}

/**
 * `RemoteGraphQLDataSource` throws on any non-2xx status, including the 400 a
 * reachable instance answers to an operation its schema rejects. Such an
 * instance is not "unavailable": its own GraphQL errors are the useful answer.
 */
function graphQLAnswerOf(error: unknown): DivisionResponse | undefined {
  const body = (error as { extensions?: { response?: { body?: unknown } } } | null)?.extensions?.response?.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const { errors } = body as { errors?: unknown };
  return Array.isArray(errors) && errors.length > 0 ? { data: null, errors } : undefined;
}

/** A division instance reached over HTTP. */
export interface DivisionEndpoint {
  readonly code: string;
  readonly url: string;
}

export interface DivisionRoutingConfig<TContext extends AnyContext = AnyContext> {
  /** In configuration order (e.g. the order of the `DIVISIONS` variable). */
  readonly divisions: ReadonlyArray<DivisionEndpoint>;
  /** Called before each request to an instance, e.g. to add the gateway's signed headers. */
  readonly willSendRequest?: (args: { request: SubgraphRequest; context: TContext; division: string }) => void | Promise<void>;
  readonly status?: (code: string) => DivisionStatus;
  readonly onDivisionError?: (event: DivisionErrorEvent) => void;
  /** How each instance is called (keep-alive agents, error handling); Apollo's default otherwise. */
  readonly fetcher?: ConstructorParameters<typeof RemoteGraphQLDataSource>[0] extends infer O ? (O extends { fetcher?: infer F } ? F : never) : never;
}

/** The router over one `RemoteGraphQLDataSource` per division URL. */
export function createDivisionRoutingDataSource<TContext extends AnyContext = AnyContext>(
  config: DivisionRoutingConfig<TContext>,
): DivisionRoutingDataSource<TContext> {
  const { willSendRequest } = config;
  return new DivisionRoutingDataSource<TContext>({
    status: config.status,
    onDivisionError: config.onDivisionError,
    divisions: config.divisions.map(({ code, url }) => ({
      code,
      dataSource: new RemoteGraphQLDataSource<TContext>({
        url,
        ...(config.fetcher ? { fetcher: config.fetcher } : {}),
        ...(willSendRequest
          ? {
              willSendRequest: (options: GraphQLDataSourceProcessOptions<TContext>) =>
                willSendRequest({ request: options.request, context: options.context as TContext, division: code }),
            }
          : {}),
      }),
    })),
  });
}
