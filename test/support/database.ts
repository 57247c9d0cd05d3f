import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DatabaseLocation } from '../../common/orm';
import { tempDir } from './temp';

export type DatabaseKind = 'sqlite' | 'postgresql';

/** Both engines the services support; suites that matter under concurrency run on each. */
export const DATABASE_KINDS: DatabaseKind[] = ['sqlite', 'postgresql'];

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`, which starts a private PostgreSQL');
  return url;
}

/** The engine of the running jest project: `postgresql` for the second pass over the integration suites. */
export function defaultDatabaseKind(): DatabaseKind {
  return (globalThis as { __TEST_DATABASE__?: DatabaseKind }).__TEST_DATABASE__ ?? 'sqlite';
}

/** A new, empty database of the given kind (the project's engine by default). */
export async function freshDatabase(kind: DatabaseKind = defaultDatabaseKind(), label = 'db'): Promise<DatabaseLocation> {
  if (kind === 'sqlite') return { kind: 'sqlite', file: join(tempDir(), `${label}.sqlite`) };
  const name = `t_${label.toLowerCase().replace(/[^a-z0-9]/g, '_')}_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return { kind: 'postgresql', url: url.toString() };
}
