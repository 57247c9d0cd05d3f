import { randomUUID } from 'node:crypto';
import type { AnswerStore } from './store';

const GENERATION_KEY = 'ssj:response-cache:generation';

/**
 * Invalidation by generation: every cache key carries the current generation,
 * and a write makes a new one, so every answer cached before the write is
 * never read again (it expires on its own max age). The generation lives in
 * the same store as the answers, so with the shared PostgreSQL store a write
 * through one gateway invalidates what every gateway cached.
 *
 * One generation for the whole system, not one per division: the public
 * answers worth caching (the item lists of every division, their names) read
 * every division at once, and writes are rare next to public reads, so a
 * finer split would save little and cost a read per division per request.
 *
 * A generation is random, never a counter that restarts: if the store loses
 * it (an LRU eviction, a lost unlogged table), a fresh one is made, and what
 * was cached under an older one stays unreachable.
 */
export class CacheGeneration {
  constructor(private readonly store: AnswerStore) {}

  async current(): Promise<string> {
    const known = await this.store.get(GENERATION_KEY);
    if (known !== undefined) return known;
    const made = randomUUID();
    await this.store.set(GENERATION_KEY, made);
    return made;
  }

  /** After a write: nothing cached so far is served again. Awaited before the writer gets its answer. */
  async advance(): Promise<void> {
    await this.store.set(GENERATION_KEY, randomUUID());
  }
}
