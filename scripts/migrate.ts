/**
 * npm run migrate -- <division|joint|lodging|identity>
 *
 * Applies pending schema migrations to one service's database and exits, for
 * operators who migrate before starting new versions. (Services also migrate
 * themselves at start.) Configured like the service: DATABASE_URL for
 * PostgreSQL, otherwise DATA_DIR with DIVISION for a division's SQLite file.
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { ConfigError, readDataDir, readDatabaseUrl, readDivisionCode } from '../common/config';
import { databaseLocation, openDatabase } from '../common/orm';
import { serviceDefinitions } from './services';

async function main(): Promise<number> {
  const service = process.argv[2] as keyof typeof serviceDefinitions | undefined;
  if (!service || !serviceDefinitions[service]) {
    console.error(`usage: npm run migrate -- <${Object.keys(serviceDefinitions).join('|')}>`);
    return 2;
  }
  const env = process.env;
  // The file each service opens itself: division-<code>.sqlite, joint.sqlite, lodging.sqlite, identity.sqlite.
  const file = service === 'division' ? `division-${readDivisionCode(env)}.sqlite` : `${service}.sqlite`;
  const location = databaseLocation(readDatabaseUrl(env), join(readDataDir(env), file));
  const definition = serviceDefinitions[service];
  const orm = await openDatabase({ location, entities: definition.entities, migrations: definition.migrations, migrate: false });
  try {
    const applied = await orm.getMigrator().up();
    console.log(applied.length ? `applied ${applied.map((migration) => migration.name).join(', ')}` : 'the database is up to date');
    return 0;
  } finally {
    await orm.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(error instanceof ConfigError ? `配置错误 (configuration error) — ${error.message}` : error instanceof Error ? error.message : error);
    process.exit(1);
  });
