import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261201211850_GuestRegistrations } from './Migration20261201211850_GuestRegistrations';

/** Applied in this order; `npm run migration:create` appends new ones. */
export const migrations: MigrationObject[] = [{ name: 'Migration20261201211850_GuestRegistrations', class: Migration20261201211850_GuestRegistrations }];
