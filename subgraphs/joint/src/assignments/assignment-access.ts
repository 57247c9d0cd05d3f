import { hasRole, type Viewer } from '../../../../common/viewer';
import type { Assignment } from './assignment.entity';

/** 谁检查: an inspector on the assignment's drawn team. */
export function isTeamMember(viewer: Viewer, assignment: Assignment): boolean {
  return hasRole(viewer, 'inspector') && assignment.team.some((member) => member.division === viewer.division && member.id === viewer.inspector);
}

/** An assignment is seen by coordinators, supervisors, its divisions' admins and reviewers (法制审核), and its own team. */
export function canSeeAssignment(viewer: Viewer, assignment: Assignment): boolean {
  if (viewer.service || hasRole(viewer, 'coordinator', 'supervisor')) return true;
  if (hasRole(viewer, 'division_admin', 'reviewer') && !!viewer.division && assignment.divisionCodes.includes(viewer.division)) return true;
  return isTeamMember(viewer, assignment);
}
