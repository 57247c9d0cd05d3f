import { identityMigrations } from '../identity/migrations';
import { identityEntities } from '../identity/src/entities';
import { divisionMigrations } from '../subgraphs/division/migrations';
import { divisionEntities } from '../subgraphs/division/src/entities';
import { jointMigrations } from '../subgraphs/joint/migrations';
import { jointEntities } from '../subgraphs/joint/src/entities';
import { lodgingMigrations } from '../subgraphs/lodging/migrations';
import { lodgingEntities } from '../subgraphs/lodging/src/entities';

/** The services that own a database, with their tables, their migrations and the folder those live in. */
export const serviceDefinitions = {
  division: { entities: divisionEntities, migrations: divisionMigrations, folder: 'subgraphs/division' },
  joint: { entities: jointEntities, migrations: jointMigrations, folder: 'subgraphs/joint' },
  lodging: { entities: lodgingEntities, migrations: lodgingMigrations, folder: 'subgraphs/lodging' },
  identity: { entities: identityEntities, migrations: identityMigrations, folder: 'identity' },
};
