import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { contextKey, REQUEST_ID_HEADER } from '../../common/context-token';
import { bodyErrors, finalErrors, jsonError } from '../../common/http-errors';
import { httpServerFor, listen, localUrl, newApp, type RunningService } from '../../common/http-server';
import { createLogger, type Logger } from '../../common/logger';
import { ServiceMetrics } from '../../common/metrics';
import { LOOPBACK_NETWORKS, OpsNetworks } from '../../common/ops-networks';
import { ANONYMOUS, type Viewer } from '../../common/viewer';
import { AuthError, createTokenVerifier, type TokenVerifier } from './auth';
import type { GatewayConfig } from './config';
import { LIMITS, PARSE_OPTIONS, queryLimits } from './limits';
import { Readiness } from './readiness';
import { createResponseCache } from './response-cache';
import { createDivisionRoutingDataSource, type DivisionStatus } from './routing/division-data-source';
import { DIVISION_SUBGRAPH, Topology, type ReloadReport } from './topology';
import { signSubgraphRequest, SignedDataSource, type GatewayContext } from './signing';
import { subgraphFetcher } from './subgraph-fetch';
import { costLimit, fieldCostsOf } from './cost';
import { answerSizeCap } from './answer-size';
import { requestGuards } from './request-guards';
import { DEFAULT_RATE_LIMIT, isInternalCall, rateLimit } from './rate-limit';
import { mountExplorer } from './explorer';
import { graphqlBrowserLanding } from './graphql-browser';
import { mountExports } from './exports';
import { mountDocuments } from './documents';
import { executeThrough } from './documents/execute';
import { mountEvidence } from './evidence';
import { downloadKey } from '../../common/download-url';
import { mountPortal } from './portal';
import { mountWorkbench } from './workbench';
import { drawRecordSource } from './draw-records';
import type { SiteContext } from './site-context';

export { DIVISION_SUBGRAPH };

export interface Gateway extends RunningService {
  readiness: Readiness;
  app: Express;
  /** The supergraph and the division instances in use, and how they change while the gateway runs. */
  topology: Topology<GatewayContext>;
  /** What SIGHUP does: re-reads the division list (DIVISIONS=@file) and the supergraph file. */
  reload(): Promise<ReloadReport>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Per client outside the operations networks: a load balancer checking every second is far inside. */
const READY_LIMIT = { capacity: 30, refillPerSecond: 5 };

function operationLogging(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors, response }) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const codes = (errors ?? []).map((error) => error.extensions?.code);
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          logger.info(
            {
              rid: contextValue.requestId,
              operationName,
              ms: Math.round(ms * 10) / 10,
              errors: codes.length ? codes : undefined,
              resultErrors: body?.errors?.length,
            },
            'graphql',
          );
        },
      };
    },
  };
}

/**
 * What a client may see of an error: its message and code, never the internal
 * URLs, response bodies or stack traces a failed subgraph fetch carries.
 */
function cleanError(formatted: GraphQLFormattedError, production: boolean): GraphQLFormattedError {
  const { response: _response, exception: _exception, stacktrace: _stacktrace, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  const given = (extensions.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
  const code = given === 'INTERNAL_SERVER_ERROR' ? (clientErrorCode(formatted.message) ?? given) : given;
  if (code === 'INTERNAL_SERVER_ERROR') {
    return {
      message: '服务器内部错误，请稍后重试或联系管理员 (internal error; try again or contact the administrator)',
      path: formatted.path,
      extensions: { code },
    };
  }
  // A production schema is not advertised: no "Did you mean …" naming fields, arguments, types or values.
  const message = production ? formatted.message.replace(/\s*Did you mean [^?]*\?/g, '') : formatted.message;
  return { ...formatted, message, extensions: { ...extensions, code } };
}

/**
 * Apollo Server raises two request errors without a code (a persisted query of
 * an unknown version, or whose hash does not match), which it then labels
 * internal; they are the client's, so they get a client's code.
 */
function clientErrorCode(message: string): string | undefined {
  if (message === 'Unsupported persisted query version' || message === 'provided sha does not match query') return 'BAD_REQUEST';
  return undefined;
}

/** Every request gets an id (or keeps a well-formed one it brought), echoed back and passed to the subgraphs. */
const assignRequestId: RequestHandler = (req, res, next) => {
  const incoming = req.header(REQUEST_ID_HEADER);
  res.locals.requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, res.locals.requestId as string);
  next();
};

/**
 * Checks the caller's token once, before the public rate limit: only a caller
 * whose token verifies is exempt from it. The result waits in `res.locals` for
 * the GraphQL context.
 */
function identify(verifyToken: TokenVerifier): RequestHandler {
  return async (req, res, next) => {
    try {
      res.locals.viewer = (await verifyToken(req.header('authorization'))) ?? undefined;
    } catch (error) {
      res.locals.authError = error instanceof AuthError ? error.message : '身份验证失败 (authentication failed)';
    }
    next();
  };
}

/** A request over the public limit on /graphql, answered the way GraphQL clients read errors. */
function graphqlLimited(_req: Request, res: Response, retryAfterSeconds: number): void {
  jsonError(res, 429, 'RATE_LIMITED', `请求过于频繁，请 ${retryAfterSeconds} 秒后再试 (too many requests; retry in ${retryAfterSeconds} s)`);
}

/**
 * The gateway: verifies who is asking, plans every operation over the committed
 * supergraph, routes division fetches to each division's own instance, and signs
 * what it forwards so subgraphs accept nothing that did not pass here.
 */
export async function createGateway(config: GatewayConfig, logger: Logger = createLogger('gateway')): Promise<Gateway> {
  const key = contextKey(config.contextSecret);
  const verifyToken = createTokenVerifier(config.auth);
  const metrics = new ServiceMetrics('gateway');
  const divisionErrors = metrics.counter('ssj_division_fetch_errors_total', 'Failed fetches to division instances', ['division']);
  const fetcher = subgraphFetcher(config.limits?.maxSubgraphAnswerBytes ?? LIMITS.maxSubgraphAnswerBytes);
  const topology: Topology<GatewayContext> = new Topology<GatewayContext>({
    config,
    contextKey: key,
    logger,
    registry: metrics.registry,
    buildRouter: (divisions) =>
      createDivisionRoutingDataSource<GatewayContext>({
        divisions,
        willSendRequest: ({ request, context }) => signSubgraphRequest(request, context, key),
        status: (code): DivisionStatus => (readiness.state(`division:${code}`) === 'mismatch' ? 'mismatch' : 'ok'),
        onDivisionError: ({ division, error }) => {
          if (division) readiness.markDown(`division:${division}`, error instanceof Error ? error.message : String(error));
          divisionErrors.inc({ division: division ?? 'unknown' });
          logger.warn({ division, err: error }, 'division fetch failed');
        },
        fetcher,
      }),
  });
  const readiness: Readiness = new Readiness(topology.probes(), key);
  const responseCache = createResponseCache(config.responseCache ?? { store: 'off' }, logger);
  try {
    // The shared store's table: a gateway told to share a cache it cannot reach does not start.
    await responseCache.start();
  } catch (error) {
    topology.supergraph.close();
    await responseCache.close();
    throw error;
  }
  topology.onChange(() => {
    readiness.replaceProbes(topology.probes());
    void readiness.check();
    // Another supergraph or another list of instances: what was cached came from the old ones.
    responseCache.invalidate().catch((error: unknown) => logger.warn({ err: error }, 'response cache not invalidated'));
  });
  const initial = await readiness.check();
  if (!initial.ready) logger.warn({ subgraphs: initial.subgraphs }, 'not every subgraph is ready yet');
  readiness.startPolling((config.readinessIntervalSeconds ?? 15) * 1000);

  // Only the logical `division` subgraph is routed; every other subgraph is an ordinary signed fetch to its URL.
  const gateway = new ApolloGateway({
    supergraphSdl: topology.supergraph.hook(),
    logger,
    buildService: ({ name, url }) =>
      name === DIVISION_SUBGRAPH ? topology.divisions.dataSource : new SignedDataSource(topology.urlOf({ name, url: url! }), key, fetcher),
  });

  const app = newApp();
  const httpServer = httpServerFor(app);
  const limits = queryLimits(config.production);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // The process decides how to stop (gateway first, then subgraphs; drain in-flight requests).
    stopOnTerminationSignals: false,
    formatError: (formatted) => cleanError(formatted, config.production),
    allowBatchedHttpRequests: false,
    validationRules: limits.validationRules,
    parseOptions: PARSE_OPTIONS,
    plugins: [
      requestGuards<GatewayContext>(),
      ...limits.plugins,
      costLimit<GatewayContext>({ costs: () => fieldCostsOf(topology.supergraph.loaded.sdl), maxCost: config.limits?.maxCost ?? LIMITS.maxCost }),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ...responseCache.plugins,
      operationLogging(logger),
      metrics.plugin<GatewayContext>(),
    ],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const ops = new OpsNetworks(config.opsNetworks ?? (config.production ? [] : LOOPBACK_NETWORKS));
  const supervisor = async (req: Request) => (await verifyToken(req.header('authorization')).catch(() => null))?.roles.includes('supervisor') ?? false;
  metrics.mount(app, { networks: ops, alsoAllowed: supervisor });
  // Readiness for load balancers: `{"ready": …}` from the last background probe; which subgraph
  // is missing, and where it lives, only for the operations networks and supervisors.
  app.get('/ready', rateLimit({ ...READY_LIMIT, skip: (req) => ops.includes(req.socket.remoteAddress) }), async (req, res, next) => {
    try {
      const report = await readiness.current();
      res.setHeader('Cache-Control', 'no-store');
      const detail = ops.includes(req.socket.remoteAddress) || (await supervisor(req));
      res.status(report.ready ? 200 : 503).json(detail ? { ...report, supergraph: topology.supergraph.status() } : { ready: report.ready });
    } catch (error) {
      next(error);
    }
  });
  app.get('/graphql', graphqlBrowserLanding({ explorer: config.explorer ?? !config.production }));
  app.use(
    '/graphql',
    // Requests without a token are the public's: limited per client. The portal's own calls do not count.
    assignRequestId,
    identify(verifyToken),
    rateLimit({
      ...(config.publicRateLimit ?? DEFAULT_RATE_LIMIT),
      skip: (req) => isInternalCall(req) || req.res?.locals.viewer !== undefined,
      onLimited: graphqlLimited,
    }),
    express.json({ limit: LIMITS.maxBodyBytes }),
    bodyErrors(LIMITS.maxBodyBytes),
    answerSizeCap(config.limits?.maxAnswerBytes ?? LIMITS.maxAnswerBytes),
    expressMiddleware(apollo, {
      context: async ({ res }): Promise<GatewayContext> => {
        const requestId = res.locals.requestId as string;
        if (res.locals.authError) throw new GraphQLError(res.locals.authError as string, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        const viewer = (res.locals.viewer as Viewer | undefined) ?? { ...ANONYMOUS };
        return { viewer: { ...viewer, requestId }, requestId };
      },
    }),
  );

  let port = 0;
  const site: SiteContext = {
    graphqlUrl: () => localUrl(port),
    verifyToken,
    production: config.production,
    explorer: config.explorer ?? !config.production,
    logger,
    drawRecord: drawRecordSource(() => topology.urlOf(topology.supergraph.loaded.subgraphs.find((graph) => graph.name === 'joint')!), key),
    drawPool: drawRecordSource(() => topology.urlOf(topology.supergraph.loaded.subgraphs.find((graph) => graph.name === 'joint')!), key, 'draw-pools'),
  };
  mountExports(app, site);
  mountDocuments(app, site, { execute: executeThrough(apollo), key: downloadKey(key) });
  mountEvidence(app, site, {
    jointGraphqlUrl: () => topology.urlOf(topology.supergraph.loaded.subgraphs.find((graph) => graph.name === 'joint')!),
    contextKey: key,
    downloadKey: downloadKey(key),
    maxBytes: config.evidence?.maxBytes,
    rateLimit: config.evidence?.rateLimit,
  });
  mountExplorer(app, site);
  mountWorkbench(app, config.workbench, site);
  mountPortal(app, site);
  app.use(finalErrors(logger));

  try {
    port = await listen(httpServer, config.port, config.host);
  } catch (error) {
    readiness.stopPolling();
    topology.supergraph.close();
    await apollo.stop();
    await responseCache.close();
    throw error;
  }
  logger.info({ port }, 'gateway listening');
  let stopping: Promise<void> | undefined;
  return {
    url: localUrl(port),
    port,
    app,
    readiness,
    topology,
    reload: () => topology.reload(),
    stop() {
      stopping ??= (async () => {
        readiness.stopPolling();
        await apollo.stop();
        await responseCache.close();
      })();
      return stopping;
    },
  };
}
