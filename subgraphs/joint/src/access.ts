import { hasRole, type Viewer } from '../../../common/viewer';
import type { Assignment } from './assignments/assignment.entity';
import type { InspectionTask } from './tasks/inspection-task.entity';
import { TaskStatus } from './tasks/task-enums';

/** Coordinators and supervisors see every task; a division sees the tasks it takes part in. */
export function canSeeTaskDetails(viewer: Viewer, task: InspectionTask): boolean {
  if (viewer.service || hasRole(viewer, 'coordinator', 'supervisor')) return true;
  return hasRole(viewer, 'division_admin', 'inspector') && !!viewer.division && task.divisionCodes.includes(viewer.division);
}

/**
 * The public sees a task once its commitment is published; drafts stay inside the
 * office, and so does a draft cancelled before it was ever committed (its name was
 * only a working title, e.g. 测试).
 */
export function canSeeTask(viewer: Viewer, task: InspectionTask): boolean {
  return isPublicTask(task) || canSeeTaskDetails(viewer, task);
}

export function isPublicTask(task: InspectionTask): boolean {
  return task.status !== TaskStatus.DRAFT && task.committedAt !== null;
}

/**
 * Who drew whom stays internal until the results are published: announcing the
 * selection earlier would warn the entities before they are inspected. Inside
 * the office, the whole selection is for those who run the task (coordinators,
 * supervisors, the admins of its divisions); an inspector sees only the
 * assignments of the teams they are on.
 */
export function canSeeSelection(viewer: Viewer, task: InspectionTask): boolean {
  if (task.status === TaskStatus.PUBLISHED || viewer.service || hasRole(viewer, 'coordinator', 'supervisor')) return true;
  return hasRole(viewer, 'division_admin') && !!viewer.division && task.divisionCodes.includes(viewer.division);
}

export function isTeamMember(viewer: Viewer, assignment: Assignment): boolean {
  return hasRole(viewer, 'inspector') && assignment.team.some((member) => member.division === viewer.division && member.id === viewer.inspector);
}

/** An assignment is seen by coordinators, supervisors, its divisions' admins and its own team. */
export function canSeeAssignment(viewer: Viewer, assignment: Assignment): boolean {
  if (viewer.service || hasRole(viewer, 'coordinator', 'supervisor')) return true;
  if (hasRole(viewer, 'division_admin') && !!viewer.division && assignment.divisionCodes.includes(viewer.division)) return true;
  return isTeamMember(viewer, assignment);
}
