import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/** The gateway's public limits are the shared per-client token buckets of `common/rate-limit.ts`. */
export { DEFAULT_RATE_LIMIT, rateLimit, TokenBuckets, type RateLimitOptions } from '../../common/rate-limit';

/**
 * The portal and the exports read through the gateway's own /graphql over
 * loopback, so every visitor would look like one client (127.0.0.1) to a limit
 * on /graphql. They mark their calls with this header, carrying a secret made
 * fresh in each process, and such a limit skips them with `isInternalCall`:
 * the visitor was already counted, by address, on the page they asked for.
 */
export const INTERNAL_CALL_HEADER = 'x-ssj-internal-call';

const internalSecret = randomBytes(32).toString('hex');

/** Headers that mark a call as made by this gateway process to itself. */
export function internalCallHeaders(): Record<string, string> {
  return { [INTERNAL_CALL_HEADER]: internalSecret };
}

/** True when the request carries this process's internal-call secret. */
export function isInternalCall(req: Request): boolean {
  const value = req.header(INTERNAL_CALL_HEADER);
  if (typeof value !== 'string' || value.length !== internalSecret.length) return false;
  return timingSafeEqual(Buffer.from(value), Buffer.from(internalSecret));
}
