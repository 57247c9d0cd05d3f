import type { EntityManager } from '@mikro-orm/core';
import { fieldChanges } from '../../../../common/audit/audit-chain';
import { auditedTransaction } from '../../../../common/audit/audit-log';
import { unknownDivision } from '../../../../common/divisions';
import { domainError } from '../../../../common/errors';
import { textProblem } from '../../../../common/text';
import { describeUsccProblem, usccProblem } from '../../../../common/uscc';
import { requireRole } from '../../../../common/auth';
import type { JointContext } from '../context';
import { nextNumber } from '../support/counter.entity';
import { problemsError, type FieldProblem as Problem } from '../../../../common/problems';
import { InspectionTask, type ItemSnapshot } from './inspection-task.entity';
import type { InspectionTaskInput, ItemRefInput } from './task.input';
import { TaskKind, TaskStatus } from './task-enums';
import { DirectedTargetRow } from '../directed/directed-target.entity';
import {
  checkedDirectedTargets,
  directedTargetInputProblems,
  missingBasisError,
  plainTargetProblems,
  type DirectedTargetValues,
} from '../directed/directed-rules';
import { movesFrom, permitted, permittedMove, refusalNow, requireActionRole } from './lifecycle';
import { lifecycleFacts } from './lifecycle-facts';
import { classRatiosOf, drawDefinitionProblems } from './draw-definition';

const MAX_INSPECTORS_PER_DIVISION = 10;

/** Checks the parts of a definition that need no division instance. */
export function definitionProblems(input: InspectionTaskInput): Problem[] {
  const problems: Problem[] = [];
  const nameProblem = textProblem(input.name, { field: 'name', label: '任务名称', max: 200 });
  if (nameProblem) problems.push({ field: 'name', message: nameProblem });
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
    problems.push({ field: 'year', message: `年度 ${input.year} 无效 (year must be 2000–2100)` });
  if (input.items.length === 0) problems.push({ field: 'items', message: '至少需要一个抽查事项 (name at least one item)' });
  const keys = input.items.map((item) => `${item.division}:${item.code}`);
  if (new Set(keys).size !== keys.length) problems.push({ field: 'items', message: '抽查事项重复 (an item is listed twice)' });
  if (!(
    Number.isInteger(input.ratioBp) &&
    Number.isInteger(input.highRiskRatioBp) &&
    input.ratioBp > 0 &&
    input.ratioBp <= input.highRiskRatioBp &&
    input.highRiskRatioBp <= 10000
  )) {
    problems.push({
      field: 'ratioBp',
      message: `抽查比例须满足 0 < 一般比例 ≤ 高风险比例 ≤ 10000 个基点，收到 ${input.ratioBp} 与 ${input.highRiskRatioBp} (need 0 < ratioBp ≤ highRiskRatioBp ≤ 10000)`,
    });
  }
  if (!Number.isInteger(input.inspectorsPerDivision) || input.inspectorsPerDivision < 1 || input.inspectorsPerDivision > MAX_INSPECTORS_PER_DIVISION) {
    problems.push({
      field: 'inspectorsPerDivision',
      message: `每个部门派出的检查人员应为 1 到 ${MAX_INSPECTORS_PER_DIVISION} 人 (inspectorsPerDivision must be 1–${MAX_INSPECTORS_PER_DIVISION})`,
    });
  }
  if (input.periodEnd < input.periodStart)
    problems.push({ field: 'periodEnd', message: `检查期限结束日 ${input.periodEnd} 早于开始日 ${input.periodStart} (the period ends before it starts)` });
  if (input.periodStart.slice(0, 4) !== String(input.year))
    problems.push({ field: 'periodStart', message: `检查期限应从 ${input.year} 年内开始 (the period must start within the task's year)` });
  problems.push(...drawDefinitionProblems(input));
  const named = input.targets ?? [];
  const directed = input.directedTargets ?? [];
  if (input.kind === TaskKind.DIRECTED) {
    if (named.length === 0 && directed.length === 0)
      problems.push({
        field: 'directedTargets',
        message: '定向抽查须列明检查对象及其依据 (a DIRECTED task names at least one entity in directedTargets, each with its basis)',
      });
    if (input.ratioBp !== 10000 || input.highRiskRatioBp !== 10000) {
      problems.push({
        field: 'ratioBp',
        message: '定向抽查的抽查比例均为 10000（全部检查）(a DIRECTED task inspects every named entity: both ratios are 10000)',
      });
    }
    // Plain `targets` carry no basis: refused as MISSING_BASIS once the rest is sound (see directedTargetValues).
    for (const uscc of named) {
      const problem = usccProblem(uscc.trim().toUpperCase());
      if (problem) problems.push({ field: 'targets', code: 'INVALID_USCC', message: describeUsccProblem(uscc, problem) });
    }
    problems.push(...directedTargetInputProblems(directed));
  } else if (named.length > 0 || directed.length > 0) {
    problems.push({
      field: directed.length > 0 ? 'directedTargets' : 'targets',
      message: '只有定向抽查可以指定检查对象 (only DIRECTED tasks name their targets)',
    });
  }
  return problems;
}

/**
 * 定向检查依据: every entity a DIRECTED task names has a valid basis, or the
 * definition is refused as MISSING_BASIS naming each entity without one. This is
 * also what keeps the once-a-year rule: a DIRECTED task may name an entity
 * inspected this year, but only on such a basis.
 */
async function directedTargetValues(em: EntityManager, input: InspectionTaskInput): Promise<DirectedTargetValues[]> {
  if (input.kind !== TaskKind.DIRECTED) return [];
  const { values, problems } = await checkedDirectedTargets(em, input.directedTargets ?? []);
  const refused = [...plainTargetProblems(input.targets ?? []), ...problems];
  if (refused.length) throw missingBasisError(refused);
  return values;
}

/** Stores the bases of a task's named entities, replacing those of an earlier version of its definition. */
async function saveDirectedTargets(em: EntityManager, task: string, values: readonly DirectedTargetValues[]): Promise<void> {
  await em.nativeDelete(DirectedTargetRow, { task });
  for (const value of values) em.persist(em.create(DirectedTargetRow, { task, ...value }));
}

/** Reads each named item from its division and checks it exists and is in force. */
export async function snapshotItems(context: JointContext, items: ItemRefInput[]): Promise<ItemSnapshot[]> {
  const byDivision = new Map<string, ItemRefInput[]>();
  for (const item of items) byDivision.set(item.division, [...(byDivision.get(item.division) ?? []), item]);
  for (const division of byDivision.keys()) {
    if (!context.divisions.has(division)) throw unknownDivision(division);
  }
  const lists = new Map(
    await Promise.all(
      [...byDivision.keys()].map(async (division) => [division, await context.divisions.checklist(division, context.viewer.requestId)] as const),
    ),
  );
  return items.map((ref) => {
    const { name: divisionName, items: list } = lists.get(ref.division)!;
    const item = list.find((candidate) => candidate.code === ref.code);
    if (!item)
      throw domainError('UNKNOWN_ITEM', `${ref.division} 的抽查事项清单中没有 ${ref.code} (division ${ref.division} has no item ${ref.code})`, {
        division: ref.division,
        item: ref.code,
      });
    if (!item.active)
      throw domainError('INACTIVE_ITEM', `抽查事项 ${ref.code} 已停用 (item ${ref.code} of ${ref.division} is withdrawn)`, {
        division: ref.division,
        item: ref.code,
      });
    return {
      division: ref.division,
      divisionName,
      code: item.code,
      name: item.name,
      targetCategory: item.targetCategory,
      requiredExpertise: item.requiredExpertise,
      ratioBp: item.ratioBp,
    };
  });
}

function definitionValues(input: InspectionTaskInput, items: ItemSnapshot[], directed: readonly DirectedTargetValues[]) {
  const divisions = [...new Set(items.map((item) => item.division))].sort();
  const leadDivision = input.leadDivision ?? items[0]!.division;
  if (!divisions.includes(leadDivision)) {
    throw domainError('BAD_USER_INPUT', `牵头部门 ${leadDivision} 须是参与部门之一 (${divisions.join('、')}) (the lead division must take part in the task)`, {
      field: 'leadDivision',
    });
  }
  return {
    name: input.name.trim(),
    year: input.year,
    kind: input.kind,
    leadDivision,
    divisionCodes: divisions,
    itemSnapshots: items,
    namedTargets: directed.map((target) => target.uscc).sort(),
    ratioBp: input.ratioBp,
    highRiskRatioBp: input.highRiskRatioBp,
    classRatios: input.classRatios ? classRatiosOf(input.classRatios) : null,
    beaconSource: input.beacon ? input.beacon.source.trim() : null,
    beaconDate: input.beacon ? input.beacon.date : null,
    inspectorsPerDivision: input.inspectorsPerDivision,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
  };
}

/** 创建抽查任务 — a DRAFT task whose items exist and are in force in their divisions. */
export async function createTask(context: JointContext, input: InspectionTaskInput): Promise<InspectionTask> {
  requireRole(context.viewer, 'coordinator');
  const problems = definitionProblems(input);
  if (problems.length) throw problemsError(problems);
  const directed = await directedTargetValues(context.em, input);
  const values = definitionValues(input, await snapshotItems(context, input.items), directed);
  const now = context.now().toISOString();
  return auditedTransaction(context.em, context.viewer, async (em) => {
    const number = await nextNumber(em, `task:${input.year}`);
    const task = em.create(InspectionTask, {
      id: `T${input.year}-${String(number).padStart(4, '0')}`,
      ...values,
      status: TaskStatus.DRAFT,
      seedCommitment: null,
      secret: null,
      resultsDueBy: null,
      resultsDueByVerified: true,
      createdBy: context.viewer.sub,
      createdAt: now,
      committedAt: null,
      cancelledAt: null,
      cancelReason: null,
      updatedAt: now,
    });
    em.persist(task);
    await saveDirectedTargets(em, task.id, directed);
    return { result: task, audit: [{ action: 'createInspectionTask', subject: `task:${task.id}`, input }] };
  });
}

export async function findTask(em: EntityManager, id: string, options: { refresh?: boolean } = {}): Promise<InspectionTask> {
  const task = await em.findOne(InspectionTask, { id }, { refresh: options.refresh ?? false });
  if (!task) throw domainError('NOT_FOUND', `没有编号为 ${id} 的抽查任务 (no task ${id})`, { task: id });
  return task;
}

/**
 * Moves a task from one status to the next only if it is still in the expected
 * one: the conditional UPDATE is the lock, so concurrent calls and replicas
 * cannot both make the move.
 */
export async function transition(em: EntityManager, task: InspectionTask, from: TaskStatus[], changes: Partial<InspectionTask>): Promise<boolean> {
  const affected = await em.nativeUpdate(InspectionTask, { id: task.id, status: { $in: from } }, changes);
  if (affected === 0) return false;
  em.assign(task, changes);
  return true;
}

/** What an update's audit entry compares: the definition, its items by division and code. */
function auditedDefinition(task: ReturnType<typeof definitionValues>) {
  const { itemSnapshots, divisionCodes, ...rest } = task;
  return { ...rest, divisions: divisionCodes, items: itemSnapshots.map((item) => `${item.division}:${item.code}`) };
}

const AUDITED_DEFINITION_FIELDS = [
  'name',
  'kind',
  'leadDivision',
  'divisions',
  'items',
  'namedTargets',
  'ratioBp',
  'highRiskRatioBp',
  'classRatios',
  'beaconSource',
  'beaconDate',
  'inspectorsPerDivision',
  'periodStart',
  'periodEnd',
] as const;

/** 修改草拟任务 — only a DRAFT may change. */
export async function updateTask(context: JointContext, id: string, input: InspectionTaskInput): Promise<InspectionTask> {
  const action = 'updateInspectionTask';
  requireActionRole(context.viewer, action);
  const task = await findTask(context.em, id);
  permitted(context.viewer, task, action);
  if (input.year !== task.year) throw domainError('BAD_USER_INPUT', '任务年度不能修改 (the year of a task cannot change)', { field: 'year' });
  const problems = definitionProblems(input);
  if (problems.length) throw problemsError(problems);
  const directed = await directedTargetValues(context.em, input);
  const values = definitionValues(input, await snapshotItems(context, input.items), directed);
  const changes = fieldChanges(auditedDefinition(task), auditedDefinition(values), AUDITED_DEFINITION_FIELDS);
  return auditedTransaction(context.em, context.viewer, async (em) => {
    if (!(await transition(em, task, movesFrom(action), { ...values, updatedAt: context.now().toISOString() })))
      throw refusalNow(context.viewer, await findTask(em, id, { refresh: true }), action);
    await saveDirectedTargets(em, id, directed);
    return { result: task, audit: [{ action: 'updateInspectionTask', subject: `task:${id}`, input, changes }] };
  });
}

/**
 * 撤销任务 — before the declared beacon's date, with a reason, in one step. From
 * that date on the outcome is settled, and after the draw it is known: one person
 * cannot undo it then (else a coordinator could cancel and draw again until the
 * sample suits them), so the call only requests the cancellation, and a supervisor
 * approves or rejects it. A cancelled task's draw no longer counts for the
 * once-a-year rule.
 */
export async function cancelTask(context: JointContext, id: string, reason: string): Promise<InspectionTask> {
  const action = 'cancelInspectionTask';
  const { viewer } = context;
  requireActionRole(viewer, action);
  const reasonProblem = textProblem(reason, { field: 'reason', label: '撤销原因', max: 500 });
  if (reasonProblem) throw problemsError([{ field: 'reason', message: reasonProblem }]);
  const task = await findTask(context.em, id);
  const facts = await lifecycleFacts(context, task);
  const { to } = permittedMove(viewer, task, action, facts);
  const now = context.now().toISOString();
  const request = { cancelReason: reason.trim(), cancelRequestedBy: viewer.sub, cancelRequestedByName: viewer.name || null, cancelRequestedAt: now };
  const changes: Partial<InspectionTask> =
    to === TaskStatus.CANCELLED ? { status: to, ...request, cancelledAt: now, updatedAt: now } : { status: to, ...request, updatedAt: now };
  return auditedTransaction(context.em, viewer, async (em) => {
    if (!(await transition(em, task, movesFrom(action, to), changes))) throw refusalNow(viewer, await findTask(em, id, { refresh: true }), action, facts);
    const audited = to === TaskStatus.CANCELLED ? 'cancelInspectionTask' : 'requestCancellation';
    return { result: task, audit: [{ action: audited, subject: `task:${id}`, input: { id, reason } }] };
  });
}

/**
 * 审批撤销申请 — a supervisor who did not request it approves (the task is cancelled) or rejects
 * (the request is cleared, and the task is drawn again, or committed again if it was not drawn).
 */
export async function decideCancellation(context: JointContext, id: string, approve: boolean, note: string): Promise<InspectionTask> {
  const action = approve ? 'approveCancellation' : 'rejectCancellation';
  const { viewer } = context;
  requireActionRole(viewer, action);
  const noteProblem = textProblem(note, { field: 'note', label: '审批意见', max: 500 });
  if (noteProblem) throw problemsError([{ field: 'note', message: noteProblem }]);
  const task = await findTask(context.em, id);
  const facts = await lifecycleFacts(context, task);
  const { to } = permittedMove(viewer, task, action, facts);
  if (task.cancelRequestedBy === viewer.sub) {
    throw domainError('SAME_PERSON', `撤销申请须由申请人以外的人审批 (the cancellation of task ${id} is decided by someone other than who requested it)`, {
      task: id,
    });
  }
  const now = context.now().toISOString();
  const changes: Partial<InspectionTask> = approve
    ? { status: to, cancelledAt: now, cancelApprovedBy: viewer.sub, cancelApprovedByName: viewer.name || null, cancelNote: note.trim(), updatedAt: now }
    : {
        status: to,
        cancelReason: null,
        cancelRequestedBy: null,
        cancelRequestedByName: null,
        cancelRequestedAt: null,
        cancelNote: null,
        updatedAt: now,
      };
  return auditedTransaction(context.em, viewer, async (em) => {
    if (!(await transition(em, task, movesFrom(action, to), changes))) throw refusalNow(viewer, await findTask(em, id, { refresh: true }), action, facts);
    return { result: task, audit: [{ action, subject: `task:${id}`, input: { id, note, requestedBy: task.cancelRequestedBy, reason: task.cancelReason } }] };
  });
}
