import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type RequestHandler } from 'express';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import { CONTEXT_HEADER, ContextTokenError, createContextVerifier, REQUEST_ID_HEADER } from './context-token';
import { bodyErrors, finalErrors, jsonError, notFoundJson } from './http-errors';
import { httpServerFor, listen, localUrl, newApp, type RunningService } from './http-server';
import type { Logger } from './logger';
import type { ServiceMetrics } from './metrics';
import { LOOPBACK_NETWORKS, OpsNetworks } from './ops-networks';
import { SUBGRAPH_BODY_LIMIT_BYTES } from './request-limits';
import type { Viewer } from './viewer';

export interface SubgraphServerOptions<C extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  port: number;
  host?: string;
  contextKey: Uint8Array;
  logger: Logger;
  production: boolean;
  /** Builds the per-request context (an EntityManager fork, loaders …) for a verified viewer. */
  context: (viewer: Viewer, logger: Logger) => Promise<C>;
  /**
   * Extra HTTP routes mounted before the GraphQL endpoint. `requireContext`
   * guards a route like /graphql: only requests the gateway signed get through,
   * with the viewer in `res.locals.viewer`.
   */
  routes?: (app: Express, requireContext: RequestHandler) => void;
  /** Prometheus metrics served at /metrics, to the operations networks. */
  metrics: ServiceMetrics;
  /** OPS_NETWORKS (CIDR blocks); this machine by default outside production, nowhere in production. */
  opsNetworks?: readonly string[];
  /** Runs after the HTTP server has drained, to close the database. */
  onStop?: () => Promise<void>;
  /**
   * The schema gives `@cacheControl` hints (`common/cache-hints.ts`): compute each answer's
   * policy and send it as `Cache-Control`. Without hints the plugin would only wrap every
   * field's resolver to conclude "max age 0", which the gateway also concludes from no header.
   */
  cacheHints?: boolean;
}

const INTERNAL_CODES = new Set(['INTERNAL_SERVER_ERROR', undefined]);

/** Hides unexpected errors' details from callers; they are logged instead. */
function maskUnexpected(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code as string | undefined;
  if (!INTERNAL_CODES.has(code)) return formatted;
  return {
    ...formatted,
    message: '服务器内部错误，请稍后重试或联系管理员 (internal error; try again or contact the administrator)',
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

function errorLogging(logger: Logger): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            const code = error.extensions?.code as string | undefined;
            if (INTERNAL_CODES.has(code)) logger.error({ err: error.originalError ?? error, operationName, path: error.path }, 'resolver failed');
          }
        },
      };
    },
  };
}

/**
 * Checks the gateway's context token from the headers alone, before anything
 * reads the body: a request without one is answered at once, and the
 * connection closed rather than drained, so a stranger's upload costs nothing.
 */
function contextCheck(contextKey: Uint8Array): RequestHandler {
  const verifyContext = createContextVerifier(contextKey);
  return async (req, res, next) => {
    const token = req.header(CONTEXT_HEADER);
    try {
      if (!token) throw new ContextTokenError('no gateway context');
      const viewer = await verifyContext(token);
      viewer.requestId ??= req.header(REQUEST_ID_HEADER) ?? randomUUID();
      res.locals.viewer = viewer;
      next();
    } catch (error) {
      const reason = error instanceof ContextTokenError ? error.message : 'invalid gateway context';
      res.setHeader('Connection', 'close');
      jsonError(res, 401, 'UNAUTHENTICATED', `此服务只接受经网关转发的请求 (${reason}: this service answers only requests forwarded by the gateway)`);
    }
  };
}

/**
 * One subgraph over HTTP. Every GraphQL request must carry a context token the
 * gateway (or a sibling service) signed; anything else is refused before its
 * body is read or it reaches the schema, including `_service` and `_entities`.
 * Bodies are capped at what the gateway can send; every error is JSON.
 */
export async function startSubgraphServer<C extends BaseContext>(options: SubgraphServerOptions<C>): Promise<RunningService> {
  const app = newApp();
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  options.metrics.mount(app, { networks: new OpsNetworks(options.opsNetworks ?? (options.production ? [] : LOOPBACK_NETWORKS)) });
  const requireContext = contextCheck(options.contextKey);
  options.routes?.(app, requireContext);

  const httpServer = httpServerFor(app);
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    introspection: true,
    persistedQueries: false,
    // The process decides how to stop (gateway first, then subgraphs; drain in-flight requests).
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: options.production,
    formatError: (formatted) => maskUnexpected(formatted),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      options.cacheHints ? ApolloServerPluginCacheControl({ defaultMaxAge: 0 }) : ApolloServerPluginCacheControlDisabled(),
      errorLogging(options.logger),
      options.metrics.plugin<C>(),
    ],
  });
  await apollo.start();

  app.use(
    '/graphql',
    requireContext,
    express.json({ limit: SUBGRAPH_BODY_LIMIT_BYTES }),
    bodyErrors(SUBGRAPH_BODY_LIMIT_BYTES),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const viewer = res.locals.viewer as Viewer;
        return options.context(viewer, options.logger.child({ rid: viewer.requestId }));
      },
    }),
  );
  app.use(notFoundJson);
  app.use(finalErrors(options.logger));

  const port = await listen(httpServer, options.port, options.host);
  let stopping: Promise<void> | undefined;
  return {
    url: localUrl(port),
    port,
    stop() {
      stopping ??= (async () => {
        await apollo.stop();
        await options.onStop?.();
      })();
      return stopping;
    },
  };
}
