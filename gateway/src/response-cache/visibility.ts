import { isAuthenticated, type Viewer } from '../../../common/viewer';

/**
 * Who may share a cached answer: the viewer's visibility class, part of every
 * cache key. The public is one class; a signed-in viewer's class is their set
 * of roles, with the division their token names (a division_admin of ZA and
 * one of WA, or a ZA reviewer and a ZA division_admin, never share). Anyone
 * whose token names a person the subgraphs answer for (an inspector sees their
 * own assignments and record) has no class: nothing they read is cached.
 *
 * Subgraph hints decide what is cacheable at all; the class decides for whom.
 * Both hold: a hint wrongly marked public still cannot leak across roles.
 */
export function visibilityClass(viewer: Viewer | undefined): string | null {
  if (!viewer || !isAuthenticated(viewer)) return 'public';
  if (viewer.service !== undefined || viewer.inspector !== undefined || viewer.roles.includes('inspector')) return null;
  const roles = [...new Set(viewer.roles)].sort().join('+');
  return viewer.division === undefined ? `roles:${roles}` : `roles:${roles}@${viewer.division}`;
}
