import { startPostgresCluster } from './postgres-cluster';

/** Starts the run's private PostgreSQL unless TEST_DATABASE_URL already names a server. */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  const cluster = await startPostgresCluster();
  process.env.TEST_DATABASE_URL = cluster.url;
  (globalThis as { __ssjPostgres?: typeof cluster }).__ssjPostgres = cluster;
}
