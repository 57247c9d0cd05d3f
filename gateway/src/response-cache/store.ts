/**
 * Where cached answers live: Apollo's `KeyValueCache` shape (what the
 * response-cache plugin takes), so the in-process default and the shared
 * PostgreSQL store are interchangeable.
 */
export interface AnswerStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}
