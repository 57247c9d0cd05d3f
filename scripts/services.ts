import { divisionMigrations } from '../subgraphs/division/migrations';
import { divisionEntities } from '../subgraphs/division/src/entities';
import { jointMigrations } from '../subgraphs/joint/migrations';
import { jointEntities } from '../subgraphs/joint/src/entities';
import { lodgingMigrations } from '../subgraphs/lodging/migrations';
import { lodgingEntities } from '../subgraphs/lodging/src/entities';

/** The subgraphs that own a database, with their tables and migrations. */
export const serviceDefinitions = {
  division: { entities: divisionEntities, migrations: divisionMigrations },
  joint: { entities: jointEntities, migrations: jointMigrations },
  lodging: { entities: lodgingEntities, migrations: lodgingMigrations },
};
