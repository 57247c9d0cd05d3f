import type { EntityManager } from '@mikro-orm/core';
import { auditedTransaction } from '../../../../common/audit/audit-log';
import { domainError, forbidden } from '../../../../common/errors';
import { problemsError } from '../../../../common/problems';
import { textProblem } from '../../../../common/text';
import type { Viewer } from '../../../../common/viewer';
import type { JointContext } from '../context';
import { publishCorrection } from './publication-service';
import { PublishedResult } from './published-result.entity';
import { InspectionResultRow } from '../results/inspection-result.entity';
import { lockTask } from '../results/result-service';
import { permittedMove, requireActionRole } from '../tasks/lifecycle';
import { TaskStatus } from '../tasks/task-enums';
import type { ItemRefInput } from '../tasks/task.input';
import { ResultAmendmentRow } from './result-amendment.entity';
import { ReviewStatus } from '../results/review-status';
import { findAssignment, requireItemOf } from '../assignments/assignment-lookup';

const REVIEW = 'reviewResult';

/** Who put a value forward: a token subject, and for an inspector the division and inspector id the result names. */
interface Submitter {
  sub: string | null;
  division: string | null;
  inspector: string | null;
}

/** The same person, by token subject or, for results recorded before subjects were kept, by inspector id. */
function isSamePerson(viewer: Viewer, submitter: Submitter): boolean {
  if (submitter.sub !== null && submitter.sub === viewer.sub) return true;
  return !!viewer.inspector && submitter.inspector === viewer.inspector && submitter.division === viewer.division;
}

function sameReviewer(id: string): never {
  throw domainError(
    'SAME_PERSON',
    `检查结果须由录入人或更正人以外的法制审核人员审核 (a result is reviewed by someone other than who recorded or corrected it)`,
    {
      assignment: id,
    },
  );
}

function noReviewPending(id: string, item: ItemRefInput, why: string): never {
  throw domainError('NO_REVIEW_PENDING', why, { assignment: id, division: item.division, item: item.code });
}

/** The reviewer's decision on the row: status, who, when, and the note. */
function decision(viewer: Viewer, approve: boolean, note: string | null, at: string) {
  return {
    reviewStatus: approve ? ReviewStatus.APPROVED : ReviewStatus.RETURNED,
    reviewedBy: viewer.sub,
    reviewedByName: viewer.name ?? null,
    reviewedAt: at,
    reviewNote: note,
  };
}

/**
 * 法制审核 — a reviewer of the item's division approves or returns one result.
 * Before publication it decides the recorded result (a returned one is recorded
 * again by its recorder, and waits again); after it, the correction waiting for
 * review, which an approval makes public. Nobody reviews a value they put forward.
 */
export async function reviewResult(
  context: JointContext,
  assignmentId: string,
  item: ItemRefInput,
  approve: boolean,
  note: string | null | undefined,
): Promise<InspectionResultRow> {
  const { viewer } = context;
  requireActionRole(viewer, REVIEW);
  const noteText = note?.trim() || null;
  const noteProblem = noteText ? textProblem(noteText, { field: 'note', label: '审核意见', max: 500 }) : null;
  if (noteProblem) throw problemsError([{ field: 'note', message: noteProblem }]);
  if (!approve && !noteText)
    throw problemsError([
      { field: 'note', message: '退回时请写明理由，录入人据此修改 (say why the result is returned: its recorder corrects it by this note)' },
    ]);
  const assignment = await findAssignment(context.em, assignmentId);
  requireItemOf(assignment, item);
  if (viewer.division !== item.division) {
    throw forbidden(
      `抽查事项 ${item.code} 属于 ${item.division}，应由该部门的法制审核人员审核 (results of ${item.division}'s items are reviewed by ${item.division}'s reviewers)`,
    );
  }
  const where = { assignment: assignmentId, itemDivision: item.division, itemCode: item.code };
  const subject = `assignment:${assignmentId}:${item.division}:${item.code}`;
  return auditedTransaction(context.em.fork(), viewer, async (em) => {
    // The task row held: a result recorded again, or a publication, waits for this decision.
    const task = await lockTask(em, assignment.task);
    permittedMove(viewer, task, REVIEW);
    const row = await em.findOne(InspectionResultRow, where);
    if (!row) noReviewPending(assignmentId, item, `该事项尚未录入检查结果，没有可审核的内容 (no result is recorded for ${item.division}/${item.code} yet)`);
    const at = context.now().toISOString();
    if (task.status !== TaskStatus.PUBLISHED) {
      if (row.reviewStatus !== ReviewStatus.PENDING)
        noReviewPending(
          assignmentId,
          item,
          `该结果${row.reviewStatus === ReviewStatus.APPROVED ? '已审核通过' : '已退回，待录入人修改'}，没有待审核的内容 (the result is ${row.reviewStatus}, not awaiting review)`,
        );
      if (isSamePerson(viewer, { sub: row.recordedBySub, division: row.recordedByDivision, inspector: row.recordedBy })) sameReviewer(assignmentId);
      em.assign(row, decision(viewer, approve, noteText, at));
      await em.flush();
      return { result: row, audit: [{ action: approve ? 'approveResult' : 'returnResult', subject, input: { item, approve, note: noteText } }] };
    }
    const amendment = await em.findOne(ResultAmendmentRow, { ...where, reviewStatus: ReviewStatus.PENDING });
    if (!amendment) noReviewPending(assignmentId, item, `该结果已公示，没有待审核的更正 (the result is published and no correction of it awaits review)`);
    const submitter = { sub: amendment.submittedBy, division: amendment.submittedByDivision, inspector: amendment.submittedByInspector };
    if (isSamePerson(viewer, submitter) || isSamePerson(viewer, { sub: row.recordedBySub, division: row.recordedByDivision, inspector: row.recordedBy }))
      sameReviewer(assignmentId);
    em.assign(amendment, decision(viewer, approve, noteText, at));
    if (approve) await makePublic(em, amendment, row, context.now());
    await em.flush();
    return {
      result: row,
      audit: [
        {
          action: approve ? 'approveAmendment' : 'returnAmendment',
          subject,
          input: { item, approve, note: noteText, amendment: amendment.id, publishedResult: amendment.publishedResult },
        },
      ],
    };
  });
}

/** An approved correction: published, and the recorded result takes its value, so both say what the public reads. */
async function makePublic(em: EntityManager, amendment: ResultAmendmentRow, row: InspectionResultRow, now: Date): Promise<void> {
  const previous = await em.findOneOrFail(PublishedResult, { id: amendment.amends });
  const value = {
    outcome: amendment.outcome,
    findings: amendment.findings,
    method: amendment.method,
    inspectedOn: amendment.inspectedOn,
    followUp: amendment.followUp,
    referredTo: amendment.referredTo,
    disclosure: amendment.disclosure,
  };
  const published = await publishCorrection(em, previous, value, amendment.reason, now);
  amendment.publishedResult = published.id;
  em.assign(row, {
    ...value,
    updatedAt: now.toISOString(),
    reviewStatus: amendment.reviewStatus,
    reviewedBy: amendment.reviewedBy,
    reviewedByName: amendment.reviewedByName,
    reviewedAt: amendment.reviewedAt,
    reviewNote: amendment.reviewNote,
  });
}
