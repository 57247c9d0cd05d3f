import type { MigrationSets } from '../../../common/orm';
import { migrations as postgresql } from './postgresql';
import { migrations as sqlite } from './sqlite';

/** Schema changes of a division database, one series per database engine. */
export const divisionMigrations: MigrationSets = { sqlite, postgresql };
