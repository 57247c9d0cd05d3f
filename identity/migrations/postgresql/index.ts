import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261202140310_IdentityProvider } from './Migration20261202140310_IdentityProvider';

/** Applied in this order; `npm run migration:create` appends new ones. */
export const migrations: MigrationObject[] = [{ name: 'Migration20261202140310_IdentityProvider', class: Migration20261202140310_IdentityProvider }];
