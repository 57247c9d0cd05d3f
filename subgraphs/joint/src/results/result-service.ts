import { LockMode, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { auditedTransaction } from '../../../../common/audit/audit-log';
import { shanghaiDate } from '../../../../common/dates';
import { domainError, forbidden } from '../../../../common/errors';
import { isPostgres } from '../../../../common/orm';
import { isTeamMember } from '../assignments/assignment-access';
import { findAssignment, requireItemOf } from '../assignments/assignment-lookup';
import type { JointContext } from '../context';
import { DrawRow } from '../draw/draw.entity';
import { problemsError } from '../../../../common/problems';
import { InspectionTask } from '../tasks/inspection-task.entity';
import type { ItemRefInput } from '../tasks/task.input';
import { permittedMove, requireActionRole } from '../tasks/lifecycle';
import type { WorkingDayCalendar } from '../calendar/working-days';
import { resultsDueBy } from '../tasks/due-date';
import { InspectionResultRow } from './inspection-result.entity';
import type { ResultInput } from './result.input';
import { checkResult } from './result-rules';
import { ReviewStatus } from './review-status';

/** A recorded value waits for a reviewer again, whatever was decided about the value before it (the audit chain keeps that). */
const AWAITING_REVIEW = { reviewStatus: ReviewStatus.PENDING, reviewedBy: null, reviewedByName: null, reviewedAt: null, reviewNote: null };

/**
 * Holds the task row for the rest of the transaction, so a publication cannot
 * slip in between reading the task's status and writing a result. The lock is
 * exclusive: two results of one task recorded at once would otherwise both hold
 * a shared lock and deadlock when each updates the task's due date.
 */
export async function lockTask(em: EntityManager, id: string): Promise<InspectionTask> {
  const task = await em.findOne(InspectionTask, { id }, isPostgres(em) ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : { refresh: true });
  if (!task) throw domainError('NOT_FOUND', `没有编号为 ${id} 的抽查任务 (no task ${id})`);
  return task;
}

/** Recomputes the task's due date from its earliest result (rule 11). */
async function refreshDueDate(calendar: WorkingDayCalendar, em: EntityManager, task: InspectionTask): Promise<void> {
  const rows = await em.find(InspectionResultRow, { task: task.id }, { fields: ['inspectedOn'], disableIdentityMap: true });
  const due = resultsDueBy(
    calendar,
    rows.map((row) => row.inspectedOn),
  );
  await em.nativeUpdate(InspectionTask, { id: task.id }, { resultsDueBy: due?.date ?? null, resultsDueByVerified: due?.calendarVerified ?? true });
}

/**
 * 录入检查结果 — 谁检查、谁录入: only an inspector on the assignment's team and of
 * the item's division records the item's result. Its recorder may correct it
 * until publication (a result a reviewer returned, too); every recording waits
 * for a reviewer of the item's division again. Every change is audited.
 */
export async function recordResult(context: JointContext, assignmentId: string, item: ItemRefInput, input: ResultInput): Promise<InspectionResultRow> {
  requireActionRole(context.viewer, 'recordResult');
  const { viewer } = context;
  const assignment = await findAssignment(context.em, assignmentId);
  if (!isTeamMember(viewer, assignment))
    throw forbidden("只有本检查组的执法检查人员可以录入结果 (only inspectors on this assignment's team record its results)");
  requireItemOf(assignment, item);
  if (viewer.division !== item.division) {
    throw forbidden(
      `抽查事项 ${item.code} 属于 ${item.division}，应由该部门的检查人员录入 (results of ${item.division}'s items are recorded by ${item.division}'s inspectors)`,
    );
  }
  const draw = await context.em.findOneOrFail(DrawRow, { task: assignment.task }, { fields: ['drawnAt'] });
  const { value, problems } = checkResult(input, { drawnOn: shanghaiDate(new Date(draw.drawnAt)), today: shanghaiDate(context.now()) });
  if (!value) throw problemsError(problems);

  // Read before the transaction: on SQLite the transaction holds the only connection.
  const calendar = await context.calendar();
  const attempt = () =>
    auditedTransaction(context.em.fork(), viewer, async (em) => {
      const task = await lockTask(em, assignment.task);
      permittedMove(viewer, task, 'recordResult');
      const now = context.now().toISOString();
      const existing = await em.findOne(InspectionResultRow, { assignment: assignmentId, itemDivision: item.division, itemCode: item.code });
      if (existing && !(existing.recordedByDivision === viewer.division && existing.recordedBy === viewer.inspector)) {
        throw forbidden(`该结果由 ${existing.recordedBy} 录入，只能由其本人更正 (only ${existing.recordedBy}, who recorded it, may correct this result)`);
      }
      const row = existing
        ? em.assign(existing, { ...value, updatedAt: now, recordedBySub: viewer.sub, ...AWAITING_REVIEW })
        : em.create(InspectionResultRow, {
            assignment: assignmentId,
            task: assignment.task,
            itemDivision: item.division,
            itemCode: item.code,
            ...value,
            recordedByDivision: viewer.division!,
            recordedBy: viewer.inspector!,
            recordedAt: now,
            updatedAt: now,
            recordedBySub: viewer.sub,
            ...AWAITING_REVIEW,
          });
      em.persist(row);
      await em.flush();
      await refreshDueDate(calendar, em, task);
      return {
        result: row,
        audit: [
          {
            action: existing ? 'correctResult' : 'recordResult',
            subject: `assignment:${assignmentId}:${item.division}:${item.code}`,
            input: { item, ...value },
          },
        ],
      };
    });
  try {
    return await attempt();
  } catch (error) {
    // Two first recordings of the same item raced; the second becomes a correction.
    if (error instanceof UniqueConstraintViolationException) return attempt();
    throw error;
  }
}
