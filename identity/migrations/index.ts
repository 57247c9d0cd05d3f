import type { MigrationSets } from '../../common/orm';
import { migrations as postgresql } from './postgresql';
import { migrations as sqlite } from './sqlite';

/** Schema changes of the identity provider's database, one series per database engine. */
export const identityMigrations: MigrationSets = { sqlite, postgresql };
