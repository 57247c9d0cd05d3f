import { AccountAuditEntry } from './accounts/account-audit.entity';
import { Account } from './accounts/account.entity';
import { ProviderRecord } from './oidc/provider-record.entity';

/** Every table of the identity provider's database. */
export const identityEntities = [Account, AccountAuditEntry, ProviderRecord];
