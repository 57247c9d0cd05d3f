import { Pool } from 'pg';
import type { AnswerStore } from './store';

const TABLE = 'gateway_response_cache';
/** Expired rows are read as missing at once and deleted on this interval. */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * Cached answers in PostgreSQL, so that every gateway of a deployment serves
 * and invalidates the same entries. The table is UNLOGGED: a cache needs no
 * crash safety, and losing it (after a crash) only costs a few fetches — the
 * invalidation generation is re-made when it is missing (`generation.ts`).
 *
 * While the database cannot be reached, every read is a miss and every write
 * is dropped (reported through `onError`): requests are answered by the
 * subgraphs as without a cache, never refused because of it. A write made
 * during such an outage cannot replace the generation, so answers cached
 * before it may be served for the rest of their max age once the database is
 * back.
 */
export class PostgresAnswerStore implements AnswerStore {
  private readonly pool: Pool;
  private ready?: Promise<void>;
  private sweeper?: NodeJS.Timeout;

  constructor(
    url: string,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.pool = new Pool({ connectionString: url, max: 8, idleTimeoutMillis: 30_000 });
    // A dropped connection is replaced on the next query; it must not crash the gateway.
    this.pool.on('error', () => undefined);
  }

  /** Creates the table when missing; called once before the gateway listens. */
  start(): Promise<void> {
    this.ready ??= (async () => {
      await this.pool.query(`CREATE UNLOGGED TABLE IF NOT EXISTS ${TABLE} (key text PRIMARY KEY, value text NOT NULL, expires_at timestamptz)`);
      this.sweeper = setInterval(() => void this.pool.query(`DELETE FROM ${TABLE} WHERE expires_at < now()`).catch(() => undefined), SWEEP_INTERVAL_MS);
      this.sweeper.unref();
    })();
    return this.ready;
  }

  async get(key: string): Promise<string | undefined> {
    try {
      const result = await this.pool.query<{ value: string }>(`SELECT value FROM ${TABLE} WHERE key = $1 AND (expires_at IS NULL OR expires_at > now())`, [
        key,
      ]);
      return result.rows[0]?.value;
    } catch (error) {
      this.onError(error);
      return undefined;
    }
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    const ttl = options?.ttl ?? null;
    await this.pool
      .query(
        `INSERT INTO ${TABLE} (key, value, expires_at) VALUES ($1, $2, CASE WHEN $3::float8 IS NULL THEN NULL ELSE now() + $3::float8 * interval '1 second' END)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
        [key, value, ttl],
      )
      .catch(this.onError);
  }

  async delete(key: string): Promise<boolean> {
    try {
      const result = await this.pool.query(`DELETE FROM ${TABLE} WHERE key = $1`, [key]);
      return (result.rowCount ?? 0) > 0;
    } catch (error) {
      this.onError(error);
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await this.pool.end();
  }
}
