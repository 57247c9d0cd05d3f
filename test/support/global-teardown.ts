import type { PostgresCluster } from './postgres-cluster';

export default async function globalTeardown(): Promise<void> {
  (globalThis as { __ssjPostgres?: PostgresCluster }).__ssjPostgres?.stop();
}
