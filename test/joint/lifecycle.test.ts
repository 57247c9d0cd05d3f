import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../common/repo-root';
import {
  cell,
  lifecycleMarkdown,
  LIFECYCLE,
  LIFECYCLE_CONDITIONS,
  rowStatus,
  TASK_ACTIONS,
  type LifecycleRow,
  type TaskAction,
} from '../../subgraphs/joint/src/tasks/lifecycle';
import { TaskStatus } from '../../subgraphs/joint/src/tasks/task-enums';
import { startTestSystem, type TestSystem } from '../support/system';
import { tokens } from '../support/tokens';
import { approveResults, BEACON_DECLARATION, BEACON_TOMORROW, codes, COMMIT, CREATE, DRAW, onDataLead, taskInput, TODAY } from './helpers';

/**
 * Walks the task lifecycle table (subgraphs/joint/src/tasks/lifecycle.ts) through the
 * gateway: every row × every action, on a task of its own brought to that row. The test
 * tasks declare a beacon published today, so a committed one is settled (the `COMMITTED`
 * row) unless it declares tomorrow's (`COMMITTED_BEFORE_BEACON`).
 */

let system: TestSystem;
let directory: string[];
let used = 0;

const BEACON = '4 7 1';
const RESULT = { method: '实地检查', inspectedOn: TODAY, outcome: 'NO_ISSUES_FOUND' };
const ITEM = { division: 'ZA', code: 'ZA-001' };

const MUTATIONS: Record<TaskAction, string> = {
  updateInspectionTask: `mutation($id: ID!, $input: InspectionTaskInput!) { updateInspectionTask(id: $id, input: $input) { id status } }`,
  commitInspectionTask: `mutation($id: ID!) { commitInspectionTask(id: $id) { id status } }`,
  drawInspectionTask: `mutation($id: ID!, $beacon: String!) { drawInspectionTask(id: $id, beacon: $beacon) { id status } }`,
  recordResult: `mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!) { recordResult(assignment: $a, item: $item, input: $input) { outcome } }`,
  reviewResult: `mutation($a: ID!, $item: ItemRefInput!, $approve: Boolean!, $note: String) { reviewResult(assignment: $a, item: $item, approve: $approve, note: $note) { review { status } } }`,
  publishInspectionTask: `mutation($id: ID!) { publishInspectionTask(id: $id) { id } }`,
  amendResult: `mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!, $reason: String!) { amendResult(assignment: $a, item: $item, input: $input, reason: $reason) { id } }`,
  cancelInspectionTask: `mutation($id: ID!, $reason: String!) { cancelInspectionTask(id: $id, reason: $reason) { id status } }`,
  approveCancellation: `mutation($id: ID!, $note: String!) { approveCancellation(id: $id, note: $note) { id status } }`,
  rejectCancellation: `mutation($id: ID!, $note: String!) { rejectCancellation(id: $id, note: $note) { id status } }`,
};

/** The actions a supervisor takes; every other one is a coordinator's, an inspector's or a reviewer's. */
const bySupervisor = (action: TaskAction) => action === 'approveCancellation' || action === 'rejectCancellation';

interface Walked {
  id: string;
  input: Record<string, unknown>;
  /** The inspector on the task's one assignment, once drawn. */
  inspector?: { division: string; id: string };
}

async function ok(query: string, variables: Record<string, unknown>, token: string) {
  const result = await system.query(query, variables, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

/** A DIRECTED task naming one entity of its own (one assignment), brought to the row. */
async function taskIn(row: LifecycleRow): Promise<Walked> {
  const beacon = row === 'COMMITTED_BEFORE_BEACON' ? BEACON_TOMORROW : BEACON_DECLARATION;
  const input = taskInput({
    name: `生命周期 ${row} ${used}`,
    kind: 'DIRECTED',
    ratioBp: 10000,
    highRiskRatioBp: 10000,
    directedTargets: onDataLead([directory[used++]!]),
    items: [ITEM],
    beacon,
  });
  const id = (await ok(CREATE, { input }, await tokens.coordinator())).createInspectionTask.id as string;
  const task: Walked = { id, input };
  if (row === TaskStatus.DRAFT) return task;
  await ok(COMMIT, { id }, await tokens.coordinator());
  if (row === TaskStatus.COMMITTED || row === 'COMMITTED_BEFORE_BEACON') return task;
  if (row === 'CANCELLATION_REQUESTED_UNDRAWN') {
    // From the beacon's date on, cancelling a committed task is requested, as after the draw.
    await ok(MUTATIONS.cancelInspectionTask, { id, reason: '计划调整' }, await tokens.coordinator());
    return task;
  }
  await ok(DRAW, { id, beacon: BEACON }, await tokens.coordinator());
  const read = await ok(
    `query($id: ID!) { inspectionTask(id: $id) { assignments { edges { node { inspectors { division id } } } } } }`,
    { id },
    await tokens.coordinator(),
  );
  task.inspector = read.inspectionTask.assignments.edges[0].node.inspectors[0];
  if (row === TaskStatus.CANCELLATION_REQUESTED || row === TaskStatus.CANCELLED) {
    // After the draw the coordinator requests, and a supervisor approves.
    await ok(MUTATIONS.cancelInspectionTask, { id, reason: '计划调整' }, await tokens.coordinator());
    if (row === TaskStatus.CANCELLED) await ok(MUTATIONS.approveCancellation, { id, note: '同意撤销' }, await tokens.supervisor());
    return task;
  }
  // Every result recorded and approved by a reviewer, so that publishing waits for nothing but the status.
  await ok(MUTATIONS.recordResult, { a: `${id}-001`, item: ITEM, input: RESULT }, await tokens.inspector(task.inspector!.division, task.inspector!.id));
  await approveResults(system, id);
  if (row === TaskStatus.DRAWN) return task;
  await ok(MUTATIONS.publishInspectionTask, { id }, await tokens.coordinator());
  return task;
}

/** The action as the caller the table allows would take it (the call that brought the task to its status, for a repeat). */
async function take(action: TaskAction, task: Walked, options: { token?: string; beacon?: string } = {}) {
  const inspector = task.inspector ? await tokens.inspector(task.inspector.division, task.inspector.id) : await tokens.inspector('ZA', 'ZA-0001');
  const token =
    options.token ??
    (action === 'recordResult'
      ? inspector
      : action === 'reviewResult'
        ? await tokens.reviewer(ITEM.division)
        : bySupervisor(action)
          ? await tokens.supervisor()
          : await tokens.coordinator());
  const variables: Record<TaskAction, Record<string, unknown>> = {
    updateInspectionTask: { id: task.id, input: task.input },
    commitInspectionTask: { id: task.id },
    drawInspectionTask: { id: task.id, beacon: options.beacon ?? BEACON },
    recordResult: { a: `${task.id}-001`, item: ITEM, input: RESULT },
    reviewResult: { a: `${task.id}-001`, item: ITEM, approve: true, note: '审核通过' },
    publishInspectionTask: { id: task.id },
    amendResult: { a: `${task.id}-001`, item: ITEM, input: { ...RESULT, findings: '复查更正' }, reason: '原记录有误' },
    cancelInspectionTask: { id: task.id, reason: '计划调整' },
    approveCancellation: { id: task.id, note: '同意撤销' },
    rejectCancellation: { id: task.id, note: '不同意撤销' },
  };
  return system.query(MUTATIONS[action], variables[action], token);
}

async function statusOf(task: Walked): Promise<TaskStatus> {
  return (await ok(`query($id: ID!) { inspectionTask(id: $id) { status } }`, { id: task.id }, await tokens.coordinator())).inspectionTask.status;
}

/** Actions on an assignment, which exists only once a task is drawn. */
const onAssignment = (action: TaskAction) => action === 'recordResult' || action === 'reviewResult' || action === 'amendResult';

/**
 * What a review needs besides the status: a value waiting for a reviewer. On a
 * drawn task (whose result is approved) its recorder records it again; on a
 * published one the coordinator submits a correction.
 */
async function awaitingReview(row: LifecycleRow, action: TaskAction, task: Walked): Promise<void> {
  if (action !== 'reviewResult') return;
  if (row === TaskStatus.DRAWN)
    await ok(MUTATIONS.recordResult, { a: `${task.id}-001`, item: ITEM, input: RESULT }, await tokens.inspector(task.inspector!.division, task.inspector!.id));
  if (row === TaskStatus.PUBLISHED) {
    const amend = await take('amendResult', task);
    if (amend.errors) throw new Error(JSON.stringify(amend.errors));
  }
}

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA'], seed: 'demo' });
  const read = await ok(
    `{ division(code: "ZA") { targets(category: "旅馆", status: ACTIVE, first: 100) { edges { node { uscc } } } } }`,
    {},
    await tokens.coordinator(),
  );
  directory = read.division.targets.edges.map((edge: any) => edge.node.uscc);
});

afterAll(() => system.stop());

const cells = (Object.keys(LIFECYCLE) as LifecycleRow[]).flatMap((row) => TASK_ACTIONS.map((action) => [row, action] as const));

describe('the task lifecycle, every row × every action, through the gateway', () => {
  it('has one cell for every row and action: a row for every status, and one for each condition', () => {
    expect(cells).toHaveLength((Object.values(TaskStatus).length + Object.keys(LIFECYCLE_CONDITIONS).length) * TASK_ACTIONS.length);
  });

  it.each(cells)('%s × %s answers as the table says', async (row, action) => {
    const task = await taskIn(row);
    const status = rowStatus(row);
    await awaitingReview(row, action, task);
    const entry = cell(row, action);
    if (entry.kind === 'refuse') {
      if (onAssignment(action) && task.inspector === undefined) {
        // Before the draw there is no assignment to name: the refusal is the table's, the gateway answers NOT_FOUND.
        expect(codes(await take(action, task))).toEqual(['NOT_FOUND']);
      } else {
        const refused = await take(action, task);
        expect(codes(refused)).toEqual([entry.code]);
        expect(refused.errors![0]!.extensions).toMatchObject({ task: task.id, status, action });
      }
      expect(await statusOf(task)).toBe(status);
      return;
    }
    // A caller with none of the roles is FORBIDDEN and changes nothing.
    const outsider = bySupervisor(action) ? await tokens.coordinator() : await tokens.supervisor();
    expect(codes(await take(action, task, { token: outsider }))).toEqual(['FORBIDDEN']);
    expect(await statusOf(task)).toBe(status);
    const answer = await take(action, task);
    expect(answer.errors).toBeUndefined();
    expect(await statusOf(task)).toBe(entry.kind === 'move' ? entry.to : status);
    if (entry.kind === 'repeat' && entry.otherwise) {
      expect(codes(await take(action, task, { beacon: '另一个公开随机数' }))).toEqual([entry.otherwise]);
      expect(await statusOf(task)).toBe(status);
    }
  });
});

describe('the refusal vocabulary', () => {
  it('is documented in docs/task-lifecycle.md as the table has it', () => {
    expect(readFileSync(join(repoRoot(), 'docs/task-lifecycle.md'), 'utf8')).toContain(lifecycleMarkdown());
  });
});
