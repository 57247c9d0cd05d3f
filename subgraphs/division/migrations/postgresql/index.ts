import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128140434 } from './Migration20261128140434';
import { Migration20261129030601_DirectoryPageIndex } from './Migration20261129030601_DirectoryPageIndex';
import { Migration20261201210149_ConflictWithdrawal } from './Migration20261201210149_ConflictWithdrawal';
import { Migration20261202022119_AuditNamesChangesRefusals } from './Migration20261202022119_AuditNamesChangesRefusals';

/** Applied in this order; `npm run migration:create` appends new ones. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261128140434', class: Migration20261128140434 },
  { name: 'Migration20261129030601_DirectoryPageIndex', class: Migration20261129030601_DirectoryPageIndex },
  { name: 'Migration20261201210149_ConflictWithdrawal', class: Migration20261201210149_ConflictWithdrawal },
  { name: 'Migration20261202022119_AuditNamesChangesRefusals', class: Migration20261202022119_AuditNamesChangesRefusals },
];
