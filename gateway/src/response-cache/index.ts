import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import ApolloServerPluginResponseCache from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { Logger } from '../../../common/logger';
import { isAuthenticated } from '../../../common/viewer';
import type { GatewayContext } from '../signing';
import { CacheGeneration } from './generation';
import { PostgresAnswerStore } from './postgres-store';
import type { AnswerStore } from './store';
import { visibilityClass } from './visibility';

export { visibilityClass } from './visibility';

/**
 * RESPONSE_CACHE: `memory` (one gateway, the default), a PostgreSQL URL (every
 * gateway of a deployment shares one cache), or `off`.
 */
export type ResponseCacheConfig = { store: 'off' } | { store: 'memory' } | { store: 'postgresql'; url: string };

export interface ResponseCache {
  readonly plugins: ApolloServerPlugin<GatewayContext>[];
  /** Nothing cached so far is served again (the supergraph or the division list changed). */
  invalidate(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The gateway's response cache for public answers, made of Apollo's own parts:
 *
 * - each subgraph computes its answer's cache policy from the `@cacheControl`
 *   hints of what it resolved (`common/cache-hints.ts`) and sends it as
 *   `Cache-Control`; the gateway's data sources (`RemoteGraphQLDataSource`,
 *   also under the division router) restrict the operation's policy with every
 *   fetch's header, so one uncacheable fetch makes the whole answer uncacheable;
 * - `@apollo/server-plugin-response-cache` stores answers whose policy is
 *   cacheable, with no errors, for their max age, and serves them before any
 *   planning or fetching. Its key is the query text, the operation name, the
 *   variables and, added here, the viewer's visibility class (`visibility.ts`)
 *   and the invalidation generation (`generation.ts`). Private hints are never
 *   stored (there is no session id), and viewers without a class bypass it;
 * - every mutation that reached execution makes a new generation before its
 *   answer is sent, so the writer's next read, and everyone's, sees the write.
 *
 * The limits (depth, cost, answer size) still run on a cached answer: they sit
 * before the cache in Apollo Server's request pipeline.
 */
export function createResponseCache(config: ResponseCacheConfig, logger?: Logger): ResponseCache {
  const plugins: ApolloServerPlugin<GatewayContext>[] = [ApolloServerPluginCacheControl({ defaultMaxAge: 0, calculateHttpHeaders: false }), cacheHeaders()];
  if (config.store === 'off') return { plugins, invalidate: async () => undefined, start: async () => undefined, close: async () => undefined };

  let lastReported = 0;
  // At most one line a minute while the shared store is unreachable.
  const storeFailed = (error: unknown) => {
    if (Date.now() - lastReported < 60_000) return;
    lastReported = Date.now();
    logger?.warn({ err: error }, 'response cache store unreachable: answering without it');
  };
  const postgres = config.store === 'postgresql' ? new PostgresAnswerStore(config.url, storeFailed) : undefined;
  const store: AnswerStore = postgres ?? new InMemoryLRUCache<string>();
  const generation = new CacheGeneration(store);
  const cacheable = (context: GraphQLRequestContext<GatewayContext>) => visibilityClass(context.contextValue.viewer) !== null;
  plugins.push(
    ApolloServerPluginResponseCache<GatewayContext>({
      cache: store,
      // No session: an answer hinted PRIVATE is never stored.
      sessionId: async () => null,
      extraCacheKeyData: async (context) => {
        const visibility = visibilityClass(context.contextValue.viewer);
        return visibility === null ? null : { visibility, generation: await generation.current() };
      },
      shouldReadFromCache: async (context) => cacheable(context),
      shouldWriteToCache: async (context) => cacheable(context),
    }),
    invalidateOnWrites(generation),
  );
  return {
    plugins,
    invalidate: () => generation.advance(),
    start: async () => postgres?.start(),
    close: async () => postgres?.close(),
  };
}

/**
 * A mutation that reached execution may have written something a cached
 * answer depends on, even when it ended in an error (an earlier root field may
 * have succeeded): a new generation, before the writer reads its answer.
 */
function invalidateOnWrites(generation: CacheGeneration): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let executed = false;
      return {
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse({ operation }) {
          if (executed && operation?.operation === 'mutation') await generation.advance();
        },
      };
    },
  };
}

/**
 * The HTTP header: `public, max-age=N` only for the public's cacheable
 * answers. Anything a signed-in viewer receives is `no-store`, even when
 * cacheable for their class at the gateway, because a shared HTTP cache
 * would not keep the classes apart.
 */
function cacheHeaders(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, overallCachePolicy, contextValue }) {
          const policy = overallCachePolicy.policyIfCacheable();
          const clean = response.body.kind === 'single' && !response.body.singleResult.errors;
          const publicAnswer = clean && policy?.scope === 'PUBLIC' && !(contextValue.viewer && isAuthenticated(contextValue.viewer));
          response.http.headers.set('cache-control', publicAnswer ? `public, max-age=${policy.maxAge}` : 'no-store');
        },
      };
    },
  };
}
