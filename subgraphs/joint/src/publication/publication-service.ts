import type { EntityManager } from '@mikro-orm/core';
import { auditedTransaction } from '../../../../common/audit/audit-log';
import { shanghaiDate } from '../../../../common/dates';
import { domainError, forbidden } from '../../../../common/errors';
import { hasRole } from '../../../../common/viewer';
import { Assignment } from '../assignments/assignment.entity';
import { isTeamMember } from '../assignments/assignment-access';
import type { JointContext } from '../context';
import { CreditEntryRow } from '../credit/credit.entities';
import { DrawRow } from '../draw/draw.entity';
import { InspectionResultRow } from '../results/inspection-result.entity';
import { disclosedFindings, isViolation, OUTCOME_LABELS, withheldReason } from '../results/outcomes';
import type { ResultInput } from '../results/result.input';
import { checkResult, type CleanResult } from '../results/result-rules';
import { lockTask } from '../results/result-service';
import { ResultAmendmentRow } from './result-amendment.entity';
import { ReviewStatus } from '../results/review-status';
import { nextNumber } from '../support/counter.entity';
import { problemsError } from '../../../../common/problems';
import { InspectionTask } from '../tasks/inspection-task.entity';
import type { ItemRefInput } from '../tasks/task.input';
import { cell, movesFrom, permitted, permittedMove, refusalNow, requireActionRole } from '../tasks/lifecycle';
import { findTask, transition } from '../tasks/task-service';
import { Publication } from './publication.entity';
import { PublishedResult } from './published-result.entity';
import { findAssignment, unknownItemError } from '../assignments/assignment-lookup';

const MISSING_LISTED = 10;
const PUBLISH = 'publishInspectionTask';
const AMEND = 'amendResult';

function divisionName(task: InspectionTask, code: string): string {
  return task.itemSnapshots.find((item) => item.division === code)?.divisionName ?? code;
}

/** The divisions of a task, the lead first, then the others in the order of their items, with their names. */
export function taskDivisions(task: InspectionTask): Array<{ code: string; name: string }> {
  const codes = [task.leadDivision, ...task.itemSnapshots.map((item) => item.division), ...task.divisionCodes];
  return [...new Set(codes)].filter((code) => task.divisionCodes.includes(code)).map((code) => ({ code, name: divisionName(task, code) }));
}

/**
 * The title every division's officers look for. One division:
 * `治安管理支队2026年度第003号抽查任务检查结果公告`. A joint task names 联合抽查 and
 * every division taking part, the lead first; the number is the lead's:
 * `治安管理支队、网络安全保卫支队、出入境管理支队2026年度联合抽查检查结果公告（治安管理支队第003号）`.
 */
export function publicationTitle(divisionNames: readonly string[], year: number, number: number): string {
  const no = String(number).padStart(3, '0');
  if (divisionNames.length <= 1) return `${divisionNames[0] ?? ''}${year}年度第${no}号抽查任务检查结果公告`;
  const title = `${divisionNames.join('、')}${year}年度联合抽查检查结果公告（${divisionNames[0]}第${no}号）`;
  // Titles are kept in 200 characters; a very long list of divisions is summed up (the page lists them all).
  return title.length <= 200
    ? title
    : `${divisionNames[0]}等${divisionNames.length}个部门${year}年度联合抽查检查结果公告（${divisionNames[0]}第${no}号）`.slice(0, 200);
}

/** Every item of every assignment without a result, as `entity name (uscc): item`. */
async function missingResults(em: EntityManager, task: InspectionTask): Promise<string[]> {
  const [assignments, results] = await Promise.all([
    em.find(Assignment, { task: task.id }, { orderBy: { id: 'asc' } }),
    em.find(InspectionResultRow, { task: task.id }, { fields: ['assignment', 'itemDivision', 'itemCode'] }),
  ]);
  const recorded = new Set(results.map((row) => `${row.assignment}|${row.itemDivision}|${row.itemCode}`));
  const missing: string[] = [];
  for (const assignment of assignments) {
    for (const item of assignment.itemKeys) {
      if (!recorded.has(`${assignment.id}|${item.division}|${item.code}`))
        missing.push(`${assignment.entityName}(${assignment.uscc}) ${item.division}/${item.code}`);
    }
  }
  return missing;
}

/** 法制审核 before publication: every result approved by a reviewer of its item's division. */
async function requireAllReviewed(em: EntityManager, task: InspectionTask): Promise<void> {
  const rows = await em.find(
    InspectionResultRow,
    { task: task.id, reviewStatus: { $ne: ReviewStatus.APPROVED } },
    { fields: ['reviewStatus', 'itemDivision'], disableIdentityMap: true },
  );
  if (rows.length === 0) return;
  const pendingCount = rows.filter((row) => row.reviewStatus === ReviewStatus.PENDING).length;
  const returnedCount = rows.length - pendingCount;
  const divisions = [...new Set(rows.map((row) => row.itemDivision))].sort();
  throw domainError(
    'RESULTS_NOT_REVIEWED',
    `还有 ${rows.length} 项检查结果未经法制审核通过（待审核 ${pendingCount} 项，已退回 ${returnedCount} 项，涉及 ${divisions.join('、')}），全部审核通过后方可公示 ` +
      `(${rows.length} results are not approved yet: ${pendingCount} pending review, ${returnedCount} returned to their recorders)`,
    { task: task.id, pendingCount, returnedCount, divisions },
  );
}

/**
 * 一次性公示 — publishes every result of a task together, once every item of every
 * assignment has one and a reviewer has approved each. The conditional status change makes it happen exactly
 * once; the publication number comes from a locked counter, so numbers per lead
 * division and year are unique and without gaps.
 */
export async function publishTask(context: JointContext, id: string): Promise<Publication> {
  const stop = context.metrics.publicationDuration.startTimer();
  try {
    const publication = await publishTaskOnce(context, id);
    stop({ outcome: 'ok' });
    return publication;
  } catch (error) {
    stop({ outcome: 'failed' });
    throw error;
  }
}

async function publishTaskOnce(context: JointContext, id: string): Promise<Publication> {
  requireActionRole(context.viewer, PUBLISH);
  const task = await findTask(context.em, id);
  const entry = permitted(context.viewer, task, PUBLISH);
  if (entry.kind === 'repeat') return context.em.findOneOrFail(Publication, { task: id });
  const { to } = entry;
  const missing = await missingResults(context.em, task);
  if (missing.length > 0) {
    throw domainError(
      'RESULTS_INCOMPLETE',
      `还有 ${missing.length} 项检查结果未录入，全部录入后方可一次性公示：${missing.slice(0, MISSING_LISTED).join('；')}${missing.length > MISSING_LISTED ? ' …' : ''} (${missing.length} results are missing)`,
      { task: id, missingCount: missing.length, missing: missing.slice(0, 100) },
    );
  }

  await requireAllReviewed(context.em, task);

  const published = await auditedTransaction(context.em.fork(), context.viewer, async (em) => {
    const now = context.now();
    const publishedAt = now.toISOString();
    if (!(await transition(em, task, movesFrom(PUBLISH, to), { status: to, updatedAt: publishedAt }))) return { result: null, audit: [] };
    // Checked again behind the status change: a result recorded again meanwhile waits for its reviewer, and the change is undone.
    await requireAllReviewed(em, task);
    const [assignments, results] = await Promise.all([
      em.find(Assignment, { task: id }),
      em.find(InspectionResultRow, { task: id }, { orderBy: { assignment: 'asc', itemDivision: 'asc', itemCode: 'asc' } }),
    ]);
    const fresh = await em.findOneOrFail(InspectionTask, { id }, { refresh: true });
    const number = await nextNumber(em, `publication:${task.leadDivision}:${task.year}`);
    const title = publicationTitle(
      taskDivisions(task).map((division) => division.name),
      task.year,
      number,
    );
    const dueBy = fresh.resultsDueBy ?? shanghaiDate(now);
    const publication = em.create(Publication, {
      id: `${task.leadDivision}-${task.year}-${String(number).padStart(3, '0')}`,
      task: id,
      leadDivision: task.leadDivision,
      year: task.year,
      number,
      title,
      publishedAt,
      resultCount: results.length,
      withheldCount: results.filter((row) => withheldReason(row.disclosure) !== null).length,
      dueBy,
      onTime: shanghaiDate(now) <= dueBy,
    });
    em.persist(publication);
    await em.flush();
    const byId = new Map(assignments.map((assignment) => [assignment.id, assignment]));
    const itemName = (division: string, code: string) => task.itemSnapshots.find((item) => item.division === division && item.code === code)?.name ?? code;
    const rows = results.map((result) => {
      const assignment = byId.get(result.assignment)!;
      return {
        publication: publication.id,
        title,
        task: id,
        year: task.year,
        resultId: result.id,
        uscc: assignment.uscc,
        entityName: assignment.entityName,
        division: result.itemDivision,
        divisionName: divisionName(task, result.itemDivision),
        itemCode: result.itemCode,
        itemName: itemName(result.itemDivision, result.itemCode),
        outcome: result.outcome,
        ...disclosedFindings(result.findings, result.disclosure),
        disclosure: result.disclosure,
        followUp: result.followUp,
        referredTo: result.referredTo,
        method: result.method,
        inspectedOn: result.inspectedOn,
        publishedAt,
        amends: null,
        amendmentReason: null,
      };
    });
    for (let start = 0; start < rows.length; start += 500) await em.insertMany(PublishedResult, rows.slice(start, start + 500));
    const credit = rows.map((row) => ({
      uscc: row.uscc,
      kind: 'INSPECTION_RESULT',
      publishedResult: null,
      publication: publication.id,
      outcome: row.outcome,
      violation: isViolation(row.outcome),
      date: shanghaiDate(now),
      summary: `${title}：${row.itemName} — ${OUTCOME_LABELS[row.outcome]}`.slice(0, 500),
      referredTo: row.referredTo,
    }));
    for (let start = 0; start < credit.length; start += 500) await em.insertMany(CreditEntryRow, credit.slice(start, start + 500));
    return {
      result: publication,
      audit: [{ action: 'publishInspectionTask', subject: `task:${id}`, input: { id, publication: publication.id, results: rows.length } }],
    };
  });
  if (published) return published;
  const current = await findTask(context.em.fork(), id);
  if (cell(current.status, PUBLISH).kind === 'repeat') return context.em.fork().findOneOrFail(Publication, { task: id });
  throw refusalNow(context.viewer, current, PUBLISH);
}

/**
 * 更正 — published results never change; a correction is submitted here and
 * waits for a reviewer of the item's division (法制审核). Only an approved one
 * becomes public, as a new published row that names the one it amends
 * (`publishCorrection`). One correction of an item waits at a time, and one that
 * would publish what is public already is refused.
 */
export async function amendResult(
  context: JointContext,
  assignmentId: string,
  item: ItemRefInput,
  input: ResultInput,
  reason: string,
): Promise<ResultAmendmentRow> {
  const { viewer } = context;
  requireActionRole(viewer, AMEND);
  const reasonText = reason.trim();
  if (reasonText.length === 0 || reasonText.length > 500)
    throw problemsError([{ field: 'reason', message: '请填写更正原因（不超过500字）(give the reason for the correction, at most 500 characters)' }]);
  const assignment = await findAssignment(context.em, assignmentId);
  if (!hasRole(viewer, 'coordinator')) {
    if (!isTeamMember(viewer, assignment) || viewer.division !== item.division)
      throw forbidden("只有联席办或本检查组该部门的检查人员可以更正 (only the office or the team's inspectors of the item's division amend a result)");
  }
  permittedMove(viewer, await findTask(context.em, assignment.task), AMEND);
  const draw = await context.em.findOneOrFail(DrawRow, { task: assignment.task }, { fields: ['drawnAt'] });
  const { value, problems } = checkResult(input, { drawnOn: shanghaiDate(new Date(draw.drawnAt)), today: shanghaiDate(context.now()) });
  if (!value) throw problemsError(problems);
  const where = { assignment: assignmentId, itemDivision: item.division, itemCode: item.code };
  return auditedTransaction(context.em.fork(), viewer, async (em) => {
    // The task row held, so two corrections of one item cannot both be waiting.
    permittedMove(viewer, await lockTask(em, assignment.task), AMEND);
    const previous = await em.findOne(
      PublishedResult,
      { task: assignment.task, uscc: assignment.uscc, division: item.division, itemCode: item.code },
      { orderBy: { id: 'desc' } },
    );
    // Every item of every assignment has a published result once the task is published: none means the item is not the assignment's.
    if (!previous) throw unknownItemError(item);
    const waiting = await em.findOne(ResultAmendmentRow, { ...where, reviewStatus: ReviewStatus.PENDING });
    if (waiting)
      throw domainError(
        'AMENDMENT_PENDING',
        `该结果已有一项更正待法制审核（${waiting.submittedAt} 提交），审核后再提交新的更正 (a correction of this result awaits review already; submit another once it is decided)`,
        { amendment: String(waiting.id) },
      );
    const recorded = await em.findOne(InspectionResultRow, where);
    if (isPublicValue(previous, recorded, value))
      throw domainError(
        'AMENDMENT_UNCHANGED',
        `更正内容与已公示的结果相同，无需更正 (the correction is the same as the published result: nothing would change)`,
        { publicResult: String(previous.id) },
      );
    const amendment = em.create(ResultAmendmentRow, {
      task: assignment.task,
      ...where,
      amends: previous.id,
      ...value,
      reason: reasonText,
      submittedBy: viewer.sub,
      submittedByName: viewer.name ?? null,
      submittedByDivision: hasRole(viewer, 'inspector') ? (viewer.division ?? null) : null,
      submittedByInspector: viewer.inspector ?? null,
      submittedAt: context.now().toISOString(),
      reviewStatus: ReviewStatus.PENDING,
      reviewedBy: null,
      reviewedByName: null,
      reviewedAt: null,
      reviewNote: null,
      publishedResult: null,
    });
    em.persist(amendment);
    await em.flush();
    return {
      result: amendment,
      audit: [
        {
          action: 'amendResult',
          subject: `assignment:${assignmentId}:${item.division}:${item.code}`,
          input: { item, ...value, reason: reasonText, amends: previous.id, amendment: amendment.id },
        },
      ],
    };
  });
}

/**
 * Whether the correction would publish what is public already. Withheld findings
 * are not in the published row: those are compared with the recorded result.
 */
function isPublicValue(previous: PublishedResult, recorded: InspectionResultRow | null, value: CleanResult): boolean {
  const same =
    previous.outcome === value.outcome &&
    previous.method === value.method &&
    previous.inspectedOn === value.inspectedOn &&
    previous.followUp === value.followUp &&
    previous.referredTo === value.referredTo &&
    previous.disclosure === value.disclosure;
  if (!same) return false;
  const findings = withheldReason(value.disclosure) === null ? previous.findings : (recorded?.findings ?? null);
  return findings === value.findings;
}

/** An approved correction made public: a new published row amending `previous`, and its entry in the entity's credit record. */
export async function publishCorrection(em: EntityManager, previous: PublishedResult, value: CleanResult, reason: string, now: Date): Promise<PublishedResult> {
  const amended = em.create(PublishedResult, {
    publication: previous.publication,
    title: previous.title,
    task: previous.task,
    year: previous.year,
    resultId: previous.resultId,
    uscc: previous.uscc,
    entityName: previous.entityName,
    division: previous.division,
    divisionName: previous.divisionName,
    itemCode: previous.itemCode,
    itemName: previous.itemName,
    outcome: value.outcome,
    ...disclosedFindings(value.findings, value.disclosure),
    disclosure: value.disclosure,
    followUp: value.followUp,
    referredTo: value.referredTo,
    method: value.method,
    inspectedOn: value.inspectedOn,
    publishedAt: now.toISOString(),
    amends: previous.id,
    amendmentReason: reason,
  });
  em.persist(amended);
  await em.flush();
  em.persist(
    em.create(CreditEntryRow, {
      uscc: previous.uscc,
      kind: 'AMENDMENT',
      publishedResult: amended.id,
      publication: previous.publication,
      outcome: value.outcome,
      violation: isViolation(value.outcome),
      date: shanghaiDate(now),
      summary: `${previous.title}（更正）：${previous.itemName} — ${OUTCOME_LABELS[value.outcome]}；更正原因：${reason}`.slice(0, 500),
      referredTo: value.referredTo,
    }),
  );
  await em.flush();
  return amended;
}
