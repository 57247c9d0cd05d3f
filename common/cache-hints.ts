import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import type { GraphQLResolveInfo } from 'graphql';

/**
 * How long an answer a subgraph marks as public may be served from the
 * gateway's response cache (`gateway/src/response-cache/`). The gateway
 * invalidates cached answers itself when a write passes through it; this age
 * bounds what it cannot see (a division instance restored from a backup, a
 * seed, an import run against the database).
 */
export const PUBLIC_MAX_AGE_SECONDS = 60;

/**
 * A cache hint, declared where the type or field is (Apollo Server's
 * `@cacheControl`). Every subgraph answer carries the strictest hint of what it
 * resolved as its `Cache-Control` header, which the gateway's data sources
 * fold into the operation's cache policy; a field or type without a hint gets
 * max age 0, so only what is marked here can ever be cached.
 */
export function publicCacheHint(maxAge = PUBLIC_MAX_AGE_SECONDS): string {
  return `@cacheControl(maxAge: ${maxAge}, scope: PUBLIC)`;
}

/** Apollo Server's definitions of the directive, added to a subgraph's SDL when it uses one; the scope enum stays out of the public schema. */
export const CACHE_CONTROL_DEFINITIONS = `enum CacheControlScope @inaccessible {
  PUBLIC
  PRIVATE
}

directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION`;

/**
 * Marks this answer as never cacheable, whatever its type's hint says: for a
 * field whose arguments reach unpublished or personal data.
 */
export function neverCache(info: GraphQLResolveInfo): void {
  maybeCacheControlFromInfo(info)?.setCacheHint({ maxAge: 0, scope: 'PRIVATE' });
}
