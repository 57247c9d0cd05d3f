/**
 * npm run migration:create -- <division|joint|lodging|identity> [name]
 *
 * Compares each subgraph's entities with a database built from the committed
 * migrations and writes the difference as a new migration, once for SQLite and
 * once for PostgreSQL (DATABASE_URL names a server where a scratch database may
 * be created and dropped). Then it lists the migrations in each series' index.ts.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openDatabase, type MigrationSets } from '../common/orm';
import { repoRoot } from '../common/repo-root';
import { serviceDefinitions } from './services';

async function withScratchPostgres<T>(serverUrl: string, use: (url: string) => Promise<T>): Promise<T> {
  const name = `ssj_migration_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return await use(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

function writeIndex(dir: string): void {
  const names = readdirSync(dir)
    .filter((file) => /^Migration\d+.*\.ts$/.test(file))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
  const lines = [
    "import type { MigrationObject } from '@mikro-orm/core';",
    ...names.map((name) => `import { ${name} } from './${name}';`),
    '',
    '/** Applied in this order; `npm run migration:create` appends new ones. */',
    `export const migrations: MigrationObject[] = [${names.map((name) => `\n  { name: '${name}', class: ${name} },`).join('')}${names.length ? '\n' : ''}];`,
    '',
  ];
  writeFileSync(join(dir, 'index.ts'), lines.join('\n'));
}

async function createFor(
  kind: 'sqlite' | 'postgresql',
  folder: string,
  entities: unknown[],
  migrations: MigrationSets,
  name: string | undefined,
): Promise<void> {
  const dir = join(repoRoot(), folder, 'migrations', kind);
  const run = async (location: Parameters<typeof openDatabase>[0]['location']) => {
    const orm = await openDatabase({ location, entities: entities as never, migrations, migrate: true });
    try {
      const result = await orm.getMigrator().createMigration(dir, false, false, name);
      console.log(result.fileName ? `${kind}: wrote ${result.fileName}` : `${kind}: no changes`);
    } finally {
      await orm.close(true);
    }
  };
  if (kind === 'sqlite') {
    const tmp = mkdtempSync(join(tmpdir(), 'ssj-migration-'));
    try {
      await run({ kind: 'sqlite', file: join(tmp, 'scratch.sqlite') });
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  } else {
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) throw new Error('DATABASE_URL must name a PostgreSQL server for the PostgreSQL migration');
    await withScratchPostgres(serverUrl, (url) => run({ kind: 'postgresql', url }));
  }
  writeIndex(dir);
}

async function main(): Promise<void> {
  const [subgraph, name] = process.argv.slice(2);
  const definition = serviceDefinitions[subgraph as keyof typeof serviceDefinitions];
  if (!definition) {
    console.error(`usage: npm run migration:create -- <${Object.keys(serviceDefinitions).join('|')}> [name]`);
    process.exit(2);
  }
  await createFor('sqlite', definition.folder, definition.entities, definition.migrations, name);
  await createFor('postgresql', definition.folder, definition.entities, definition.migrations, name);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
