import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startPostgresCluster } from './postgres-cluster';

/**
 * Once per run: compiles the services (the fault tests start them as separate
 * processes, as `npm run start:*` does, and the browser test runs the compiled
 * verify-draw command), and starts a private PostgreSQL unless TEST_DATABASE_URL
 * already names a server.
 */
export default async function globalSetup(): Promise<void> {
  const root = join(__dirname, '..', '..');
  // tsc writes dist/ even when it reports type errors; those fail test/unit/typecheck.test.ts instead of every suite.
  spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: 'ignore',
  });
  // The workbench's bundle, which the gateway serves at /workbench (the browser suites sign in there).
  spawnSync(process.execPath, [join(root, 'dist', 'scripts', 'build-workbench.js')], { cwd: root, stdio: 'inherit' });
  if (process.env.TEST_DATABASE_URL) return;
  const cluster = await startPostgresCluster();
  process.env.TEST_DATABASE_URL = cluster.url;
  (globalThis as { __ssjPostgres?: typeof cluster }).__ssjPostgres = cluster;
}
