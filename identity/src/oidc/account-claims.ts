import type { Account } from '../accounts/account.entity';

/**
 * The claims the gateway's viewerFromClaims reads: `name`, `roles`, and `division`
 * / `inspector` where the roles need them. Absent fields are left out rather than
 * sent as null, which the gateway would refuse as a malformed claim.
 */
export function viewerClaims(account: Account): Record<string, unknown> {
  return {
    name: account.displayName,
    roles: [...account.roles],
    ...(account.division ? { division: account.division } : {}),
    ...(account.inspectorId ? { inspector: account.inspectorId } : {}),
  };
}
