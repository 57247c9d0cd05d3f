import type { Request, RequestHandler, Response } from 'express';

/**
 * Per-client request limits for public surfaces (the gateway's portal, CSV
 * exports and anonymous GraphQL; every service's /metrics and /ready): a token
 * bucket per client, kept in memory.
 *
 * A bucket holds up to `capacity` tokens and gains `refillPerSecond` tokens a
 * second; each request takes one. A burst (a page with its stylesheet and logo,
 * a BI tool paging) passes, a sustained flood gets 429 with `Retry-After`.
 * Memory is bounded: idle buckets that have refilled are forgotten, and beyond
 * `maxClients` the least recently seen client is dropped.
 */
export interface RateLimitOptions {
  /** Largest burst a client may send (tokens in a full bucket). */
  capacity?: number;
  /** Sustained requests per second a client may send. */
  refillPerSecond?: number;
  /** What identifies a client; the socket's address by default (the gateway does not trust proxy headers). */
  key?: (req: Request) => string;
  /** Requests that do not count at all, e.g. the portal's own calls to /graphql (see `isInternalCall`). */
  skip?: (req: Request) => boolean;
  /** Upper bound on the clients remembered at once. */
  maxClients?: number;
  /** How a refused request is answered; a short bilingual JSON body by default. */
  onLimited?: (req: Request, res: Response, retryAfterSeconds: number) => void;
  /** Milliseconds clock, for tests. */
  now?: () => number;
}

/** Generous defaults: a person browsing or a BI tool paging never meets them. */
export const DEFAULT_RATE_LIMIT = { capacity: 120, refillPerSecond: 20 } as const;

const DEFAULT_MAX_CLIENTS = 50_000;

interface Bucket {
  tokens: number;
  /** Milliseconds at which `tokens` was last brought up to date. */
  updated: number;
}

/** Token-bucket state for many clients; pure arithmetic so it can be tested without HTTP. */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly capacity: number,
    readonly refillPerSecond: number,
    private readonly maxClients = DEFAULT_MAX_CLIENTS,
  ) {
    if (!(capacity >= 1) || !(refillPerSecond > 0)) throw new Error('rate limit needs capacity >= 1 and refillPerSecond > 0');
  }

  /** Takes one token for `key`: 0 when allowed, otherwise the whole seconds to wait before the next token. */
  take(key: string, now: number): number {
    let bucket = this.buckets.get(key);
    if (bucket) {
      // Re-inserting keeps the Map ordered by last use, so eviction drops the longest idle client.
      this.buckets.delete(key);
      bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.updated) / 1000) * this.refillPerSecond);
      bucket.updated = now;
    } else {
      if (this.buckets.size >= this.maxClients) this.evict(now);
      bucket = { tokens: this.capacity, updated: now };
    }
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.refillPerSecond));
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Forgets clients whose bucket has refilled (they are indistinguishable from new ones), then the oldest if still full. */
  private evict(now: number): void {
    const fullAfterMs = (this.capacity / this.refillPerSecond) * 1000;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updated >= fullAfterMs) this.buckets.delete(key);
    }
    while (this.buckets.size >= this.maxClients) {
      const oldest = this.buckets.keys().next().value as string;
      this.buckets.delete(oldest);
    }
  }
}

function defaultKey(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

function defaultLimited(_req: Request, res: Response, retryAfterSeconds: number): void {
  res.status(429).json({
    error: {
      code: 'RATE_LIMITED',
      message: `请求过于频繁，请 ${retryAfterSeconds} 秒后再试 (too many requests; retry in ${retryAfterSeconds} s)`,
    },
  });
}

/** Express middleware limiting each client to a token bucket; see `RateLimitOptions`. */
export function rateLimit(options: RateLimitOptions = {}): RequestHandler {
  const buckets = new TokenBuckets(
    options.capacity ?? DEFAULT_RATE_LIMIT.capacity,
    options.refillPerSecond ?? DEFAULT_RATE_LIMIT.refillPerSecond,
    options.maxClients ?? DEFAULT_MAX_CLIENTS,
  );
  const key = options.key ?? defaultKey;
  const now = options.now ?? Date.now;
  const onLimited = options.onLimited ?? defaultLimited;
  return (req, res, next) => {
    if (options.skip?.(req)) {
      next();
      return;
    }
    const wait = buckets.take(key(req), now());
    if (wait === 0) {
      next();
      return;
    }
    res.setHeader('Retry-After', String(wait));
    res.setHeader('Cache-Control', 'no-store');
    onLimited(req, res, wait);
  };
}
