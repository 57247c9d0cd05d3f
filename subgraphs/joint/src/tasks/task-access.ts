import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { likeCondition } from '../../../../common/like';
import { listContains } from '../../../../common/string-list.type';
import { hasRole, type Viewer } from '../../../../common/viewer';
import { InspectionTask } from './inspection-task.entity';
import { TaskStatus } from './task-enums';

/** Who sees every task, whatever its status: the office and the system's services. */
function seesEveryTask(viewer: Viewer): boolean {
  return !!viewer.service || hasRole(viewer, 'coordinator', 'supervisor');
}

/** The division whose tasks the viewer's role shows them, if any. */
function taskDivisionOf(viewer: Viewer): string | null {
  return hasRole(viewer, 'division_admin', 'inspector', 'reviewer') && viewer.division ? viewer.division : null;
}

/** Coordinators and supervisors see every task; a division sees the tasks it takes part in. */
export function canSeeTaskDetails(viewer: Viewer, task: InspectionTask): boolean {
  if (seesEveryTask(viewer)) return true;
  const division = taskDivisionOf(viewer);
  return division !== null && task.divisionCodes.includes(division);
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

/** canSeeTask as a query condition, for lists: null when the viewer sees every task. Built for each query (a LIKE condition serves one). */
export function visibleTasksFilter(em: EntityManager, viewer: Viewer): FilterQuery<InspectionTask> | null {
  if (seesEveryTask(viewer)) return null;
  const visible: FilterQuery<InspectionTask>[] = [{ status: { $ne: TaskStatus.DRAFT }, committedAt: { $ne: null } }];
  const division = taskDivisionOf(viewer);
  if (division) visible.push(likeCondition(em, InspectionTask, 'divisionCodes', listContains(division)));
  return { $or: visible };
}

/**
 * Who drew whom stays internal until the results are published: announcing the
 * selection earlier would warn the entities before they are inspected. Inside
 * the office, the whole selection is for those who run the task (coordinators,
 * supervisors, the admins of its divisions) and its divisions' reviewers, who
 * review the results before publication; an inspector sees only the
 * assignments of the teams they are on. A draw cancelled with a supervisor's
 * approval is public at once: nothing will be inspected, so nothing is left to
 * protect, and anyone can see which sample was set aside and why.
 */
export function canSeeSelection(viewer: Viewer, task: InspectionTask): boolean {
  if (task.status === TaskStatus.PUBLISHED || isCancelledAfterDraw(task) || viewer.service || hasRole(viewer, 'coordinator', 'supervisor')) return true;
  return hasRole(viewer, 'division_admin', 'reviewer') && !!viewer.division && task.divisionCodes.includes(viewer.division);
}

/** Cancelled after the draw, with a supervisor's approval (only a drawn task needs one). */
export function isCancelledAfterDraw(task: InspectionTask): boolean {
  return task.status === TaskStatus.CANCELLED && task.cancelApprovedBy !== null;
}
