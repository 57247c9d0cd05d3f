/** Who is asking, as the gateway vouched for it. */
export const ROLES = ['coordinator', 'division_admin', 'inspector', 'reviewer', 'supervisor', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** A service is another part of this system (the joint subgraph reading a pool, the gateway's health checks). */
export type ServiceName = 'gateway' | 'joint';

export interface Viewer {
  /** Subject of the user's token, or the service name. */
  sub: string;
  name: string;
  roles: Role[];
  /** The division of a division_admin, inspector or reviewer. */
  division?: string;
  /** The inspector id of an inspector. */
  inspector?: string;
  service?: ServiceName;
  /** Request id the gateway assigned, carried into every log line and audit entry. */
  requestId?: string;
}

export const ANONYMOUS: Viewer = Object.freeze({ sub: 'anonymous', name: '公众', roles: [] as Role[] }) as Viewer;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasRole(viewer: Viewer, ...roles: Role[]): boolean {
  return viewer.roles.some((role) => roles.includes(role));
}

export function isAuthenticated(viewer: Viewer): boolean {
  return viewer.roles.length > 0 || viewer.service !== undefined;
}

/** The role recorded in the audit trail: the most privileged one the action relied on. */
export function primaryRole(viewer: Viewer): string {
  if (viewer.service) return `service:${viewer.service}`;
  return viewer.roles[0] ?? 'anonymous';
}
