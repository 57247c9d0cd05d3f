import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from './errors';
import { hasRole, isAuthenticated, type Role, type Viewer } from './viewer';

/** What `@Authorized(...)` may name: a user role, or `service` for calls between this system's services. */
export type Access = Role | 'service';

/**
 * `@Authorized()` needs any signed-in user or service; `@Authorized('coordinator', …)`
 * needs one of those roles. Refusals carry UNAUTHENTICATED or FORBIDDEN.
 */
export const authChecker: AuthChecker<{ viewer: Viewer }, Access> = ({ context }, required) => {
  const { viewer } = context;
  if (!isAuthenticated(viewer)) throw unauthenticated();
  if (required.length === 0) return true;
  if (viewer.service && required.includes('service')) return true;
  if (hasRole(viewer, ...(required.filter((access) => access !== 'service') as Role[]))) return true;
  throw forbidden();
};

/** Requires one of the roles, in code that decides by data what a decorator cannot: anonymous callers get UNAUTHENTICATED, others FORBIDDEN. */
export function requireRole(viewer: Viewer, ...roles: Role[]): void {
  if (!isAuthenticated(viewer)) throw unauthenticated();
  if (!hasRole(viewer, ...roles)) throw forbidden();
}
