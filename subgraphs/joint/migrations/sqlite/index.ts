import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128142128 } from './Migration20261128142128';
import { Migration20261128144133_LookupIndexes } from './Migration20261128144133_LookupIndexes';
import { Migration20261129030610_TaskAssignmentIndex } from './Migration20261129030610_TaskAssignmentIndex';
import { Migration20261201204421_DrawVerification } from './Migration20261201204421_DrawVerification';
import { Migration20261201231804_Evidence } from './Migration20261201231804_Evidence';
import { Migration20261202003610_CancellationApproval } from './Migration20261202003610_CancellationApproval';
import { Migration20261202021948_DirectedBasis } from './Migration20261202021948_DirectedBasis';
import { Migration20261202022050_AuditNamesChangesRefusals } from './Migration20261202022050_AuditNamesChangesRefusals';
import { Migration20261202022234_ReviewBeforePublication } from './Migration20261202022234_ReviewBeforePublication';
import { Migration20261202051712_CreditClasses } from './Migration20261202051712_CreditClasses';
import { Migration20261202052028_DrawPoolFirst } from './Migration20261202052028_DrawPoolFirst';

/** Applied in this order; `npm run migration:create` appends new ones. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261128142128', class: Migration20261128142128 },
  { name: 'Migration20261128144133_LookupIndexes', class: Migration20261128144133_LookupIndexes },
  { name: 'Migration20261129030610_TaskAssignmentIndex', class: Migration20261129030610_TaskAssignmentIndex },
  { name: 'Migration20261201204421_DrawVerification', class: Migration20261201204421_DrawVerification },
  { name: 'Migration20261201231804_Evidence', class: Migration20261201231804_Evidence },
  { name: 'Migration20261202003610_CancellationApproval', class: Migration20261202003610_CancellationApproval },
  { name: 'Migration20261202021948_DirectedBasis', class: Migration20261202021948_DirectedBasis },
  { name: 'Migration20261202022050_AuditNamesChangesRefusals', class: Migration20261202022050_AuditNamesChangesRefusals },
  { name: 'Migration20261202022234_ReviewBeforePublication', class: Migration20261202022234_ReviewBeforePublication },
  { name: 'Migration20261202051712_CreditClasses', class: Migration20261202051712_CreditClasses },
  { name: 'Migration20261202052028_DrawPoolFirst', class: Migration20261202052028_DrawPoolFirst },
];
