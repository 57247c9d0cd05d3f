/**
 * A small bounded least-recently-used cache.
 *
 * The router sees the same few hundred subgraph fetch texts over and over (the
 * query planner caches its plans, so fetch texts repeat exactly); parsing and
 * printing them again on every request would cost more than the routing itself.
 * The bound keeps a stream of distinct ad-hoc operations from growing memory.
 * A `Map` iterates in insertion order, so re-inserting on a hit keeps the
 * least recently used entry first, which is the one evicted.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`LruCache capacity must be a positive integer, got ${capacity}`);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  /** Returns the cached value, computing and storing it on a miss. */
  getOrCompute(key: K, compute: () => V): V {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const value = compute();
    this.set(key, value);
    return value;
  }
}
