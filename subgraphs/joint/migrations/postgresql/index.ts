import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128142128 } from './Migration20261128142128';
import { Migration20261128144133_LookupIndexes } from './Migration20261128144133_LookupIndexes';
import { Migration20261129030611_TaskAssignmentIndex } from './Migration20261129030611_TaskAssignmentIndex';
import { Migration20261201204422_DrawVerification } from './Migration20261201204422_DrawVerification';
import { Migration20261201231805_Evidence } from './Migration20261201231805_Evidence';
import { Migration20261202003611_CancellationApproval } from './Migration20261202003611_CancellationApproval';
import { Migration20261202021949_DirectedBasis } from './Migration20261202021949_DirectedBasis';
import { Migration20261202022051_AuditNamesChangesRefusals } from './Migration20261202022051_AuditNamesChangesRefusals';
import { Migration20261202022235_ReviewBeforePublication } from './Migration20261202022235_ReviewBeforePublication';
import { Migration20261202051712_CreditClasses } from './Migration20261202051712_CreditClasses';
import { Migration20261202052029_DrawPoolFirst } from './Migration20261202052029_DrawPoolFirst';

/** Applied in this order; `npm run migration:create` appends new ones. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261128142128', class: Migration20261128142128 },
  { name: 'Migration20261128144133_LookupIndexes', class: Migration20261128144133_LookupIndexes },
  { name: 'Migration20261129030611_TaskAssignmentIndex', class: Migration20261129030611_TaskAssignmentIndex },
  { name: 'Migration20261201204422_DrawVerification', class: Migration20261201204422_DrawVerification },
  { name: 'Migration20261201231805_Evidence', class: Migration20261201231805_Evidence },
  { name: 'Migration20261202003611_CancellationApproval', class: Migration20261202003611_CancellationApproval },
  { name: 'Migration20261202021949_DirectedBasis', class: Migration20261202021949_DirectedBasis },
  { name: 'Migration20261202022051_AuditNamesChangesRefusals', class: Migration20261202022051_AuditNamesChangesRefusals },
  { name: 'Migration20261202022235_ReviewBeforePublication', class: Migration20261202022235_ReviewBeforePublication },
  { name: 'Migration20261202051712_CreditClasses', class: Migration20261202051712_CreditClasses },
  { name: 'Migration20261202052029_DrawPoolFirst', class: Migration20261202052029_DrawPoolFirst },
];
