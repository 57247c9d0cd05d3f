import { startTestSystem, type TestSystem } from '../support/system';
import { tokens, userToken } from '../support/tokens';
import { BEACON, BEACON_TOMORROW, codes, committedTask, DRAW, drawn, RECORD, TODAY } from './helpers';

/**
 * Two people to undo a draw: after the draw a coordinator only requests the
 * cancellation, and a supervisor who did not request it approves or rejects it.
 * An approved cancellation makes the cancelled draw's record public at once.
 */

let system: TestSystem;
let base: string;
let coordinator: string;
let supervisor: string;

const CANCELLATION = `cancellation { reason requestedBy { sub name } requestedAt approvedBy { sub name } approvedAt note }`;
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelInspectionTask(id: $id, reason: $reason) { id status ${CANCELLATION} } }`;
const APPROVE = `mutation($id: ID!, $note: String!) { approveCancellation(id: $id, note: $note) { id status ${CANCELLATION} } }`;
const REJECT = `mutation($id: ID!, $note: String!) { rejectCancellation(id: $id, note: $note) { id status ${CANCELLATION} } }`;
const PUBLIC_TASK = `query($id: ID!) { inspectionTask(id: $id) { status ${CANCELLATION} draw { recordUrl } } }`;
const TRAIL = `query($s: String) { auditTrail(subject: $s, first: 20) { edges { node { seq actor action subject } } } }`;
const REASON = '检查对象名录有误，重新建库后另行抽取';

async function drawnTask(name: string): Promise<string> {
  const id = await committedTask(system, { name, items: [{ division: 'ZA', code: 'ZA-001' }], ratioBp: 1000, highRiskRatioBp: 1000 });
  await drawn(system, id);
  return id;
}

async function statusOf(id: string): Promise<string> {
  return (await system.query(`query($id: ID!) { inspectionTask(id: $id) { status } }`, { id }, coordinator)).data.inspectionTask.status;
}

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA'], seed: 'demo' });
  base = system.gateway.url.replace(/\/graphql$/, '');
  coordinator = await tokens.coordinator();
  supervisor = await tokens.supervisor();
});

afterAll(() => system.stop());

describe('cancelling a drawn task takes two people', () => {
  it('a coordinator alone only requests it: the task stays drawn, results and publication wait', async () => {
    const id = await drawnTask('撤销申请');
    const requested = await system.query(CANCEL, { id, reason: REASON }, coordinator);
    expect(requested.errors).toBeUndefined();
    expect(requested.data.cancelInspectionTask).toMatchObject({
      status: 'CANCELLATION_REQUESTED',
      cancellation: { reason: REASON, requestedBy: { sub: 'coordinator-user', name: '联席办 张协调' }, approvedBy: null, approvedAt: null },
    });
    expect(requested.data.cancelInspectionTask.cancellation.requestedAt).toEqual(expect.any(String));
    // Not cancelled: the draw still stands, and its record is still closed to the public.
    const seen = await system.query(PUBLIC_TASK, { id });
    expect(seen.data.inspectionTask).toMatchObject({ status: 'CANCELLATION_REQUESTED', draw: { recordUrl: null } });
    const publish = await system.query(`mutation($id: ID!) { publishInspectionTask(id: $id) { id } }`, { id }, coordinator);
    expect(codes(publish)).toEqual(['CANCELLATION_REQUESTED']);
    expect(codes(await system.query(CANCEL, { id, reason: '再次申请' }, coordinator))).toEqual(['CANCELLATION_REQUESTED']);
    const read = await system.query(
      `query($id: ID!) { inspectionTask(id: $id) { assignments { edges { node { id inspectors { division id } } } } } }`,
      { id },
      coordinator,
    );
    const assignment = read.data.inspectionTask.assignments.edges[0].node;
    const record = await system.query(
      `mutation($a: ID!, $input: ResultInput!) { recordResult(assignment: $a, item: { division: "ZA", code: "ZA-001" }, input: $input) { outcome } }`,
      { a: assignment.id, input: { method: '实地检查', inspectedOn: TODAY, outcome: 'NO_ISSUES_FOUND' } },
      await tokens.inspector(assignment.inspectors[0].division, assignment.inspectors[0].id),
    );
    expect(codes(record)).toEqual(['CANCELLATION_REQUESTED']);
  });

  it('the person who requested it cannot approve it, even holding the supervisor role too', async () => {
    const id = await drawnTask('同一人审批');
    const both = await userToken({ sub: 'zhang', roles: ['coordinator', 'supervisor'], name: '张某' });
    expect((await system.query(CANCEL, { id, reason: REASON }, both)).errors).toBeUndefined();
    const approved = await system.query(APPROVE, { id, note: '同意' }, both);
    expect(codes(approved)).toEqual(['SAME_PERSON']);
    expect(codes(await system.query(REJECT, { id, note: '驳回' }, both))).toEqual(['SAME_PERSON']);
    expect(await statusOf(id)).toBe('CANCELLATION_REQUESTED');
    // A coordinator is not a supervisor.
    expect(codes(await system.query(APPROVE, { id, note: '同意' }, coordinator))).toEqual(['FORBIDDEN']);
  });

  it("a supervisor's approval cancels it, and the cancelled draw's record becomes public with the reason and both people", async () => {
    const id = await drawnTask('批准撤销');
    await system.query(CANCEL, { id, reason: REASON }, coordinator);
    const approved = await system.query(APPROVE, { id, note: '名录确有错误，同意撤销' }, supervisor);
    expect(approved.errors).toBeUndefined();
    expect(approved.data.approveCancellation).toMatchObject({
      status: 'CANCELLED',
      cancellation: {
        reason: REASON,
        requestedBy: { sub: 'coordinator-user', name: '联席办 张协调' },
        approvedBy: { sub: 'supervisor-user', name: '督查 李监督' },
        note: '名录确有错误，同意撤销',
      },
    });
    expect(approved.data.approveCancellation.cancellation.approvedAt).toEqual(expect.any(String));

    // The public, signed out: the reason, both people, and the record.
    const seen = await system.query(PUBLIC_TASK, { id });
    expect(seen.data.inspectionTask).toMatchObject({
      status: 'CANCELLED',
      cancellation: { reason: REASON },
      draw: { recordUrl: `/tasks/${id}/draw/record.json` },
    });
    const anonymousRecord = await system.query(RECORD, { id });
    expect(anonymousRecord.errors).toBeUndefined();
    expect(JSON.parse(anonymousRecord.data.inspectionTask.draw.record).assignments.length).toBeGreaterThan(0);
    const download = await fetch(`${base}/tasks/${id}/draw/record.json`);
    expect(download.status).toBe(200);

    // The portal's task page names the reason and both people.
    const page = await (await fetch(`${base}/tasks/${id}/draw`)).text();
    expect(page).toContain(REASON);
    expect(page).toContain('申请人');
    expect(page).toContain('联席办 张协调');
    expect(page).toContain('审批人');
    expect(page).toContain('督查 李监督');
    expect(page).toContain(`href="/tasks/${id}/draw/record.json"`);

    // Every step is in the audit chain, by the person who took it.
    const trail = await system.query(TRAIL, { s: `task:${id}` }, supervisor);
    const steps = trail.data.auditTrail.edges.map(({ node }: any) => [node.action, node.actor]);
    expect(steps).toEqual(
      expect.arrayContaining([
        ['requestCancellation', 'coordinator-user'],
        ['approveCancellation', 'supervisor-user'],
      ]),
    );
  });

  it('a rejection returns it to drawn, the request cleared, and results can be recorded again', async () => {
    const id = await drawnTask('驳回撤销');
    await system.query(CANCEL, { id, reason: REASON }, coordinator);
    const rejected = await system.query(REJECT, { id, note: '理由不充分，继续检查' }, supervisor);
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data.rejectCancellation).toMatchObject({ status: 'DRAWN', cancellation: null });
    expect((await system.query(PUBLIC_TASK, { id })).data.inspectionTask.draw.recordUrl).toBeNull();
    const trail = await system.query(TRAIL, { s: `task:${id}` }, supervisor);
    expect(trail.data.auditTrail.edges.map(({ node }: any) => node.action)).toEqual(expect.arrayContaining(['requestCancellation', 'rejectCancellation']));
    // Nothing to decide any more.
    expect(codes(await system.query(APPROVE, { id, note: '同意' }, supervisor))).toEqual(['NO_CANCELLATION_REQUESTED']);
  });

  it("before the declared beacon's date, cancelling a committed task stays one step, with no approver", async () => {
    const id = await committedTask(system, {
      name: '公布日前撤销',
      items: [{ division: 'ZA', code: 'ZA-002' }],
      ratioBp: 1000,
      highRiskRatioBp: 1000,
      beacon: BEACON_TOMORROW,
    });
    const cancelled = await system.query(CANCEL, { id, reason: '计划调整' }, coordinator);
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data.cancelInspectionTask).toMatchObject({
      status: 'CANCELLED',
      cancellation: { reason: '计划调整', requestedBy: { sub: 'coordinator-user' }, approvedBy: null, approvedAt: null },
    });
    const trail = await system.query(TRAIL, { s: `task:${id}` }, supervisor);
    expect(trail.data.auditTrail.edges.map(({ node }: any) => node.action)).toContain('cancelInspectionTask');
  });
});

describe("from the declared beacon's date on, cancelling a committed task takes two people too", () => {
  /** Committed with a beacon published today (the test tasks' default): the outcome is settled, nothing is drawn yet. */
  const settledTask = (name: string) => committedTask(system, { name, items: [{ division: 'ZA', code: 'ZA-003' }], ratioBp: 1000, highRiskRatioBp: 1000 });

  it('a coordinator alone only requests it, and the task is not drawn while the request waits', async () => {
    const id = await settledTask('公布日撤销申请');
    const requested = await system.query(CANCEL, { id, reason: REASON }, coordinator);
    expect(requested.errors).toBeUndefined();
    expect(requested.data.cancelInspectionTask).toMatchObject({
      status: 'CANCELLATION_REQUESTED',
      cancellation: { reason: REASON, requestedBy: { sub: 'coordinator-user' }, approvedBy: null },
    });
    const draw = await system.query(DRAW, { id, beacon: BEACON }, coordinator);
    expect(codes(draw)).toEqual(['CANCELLATION_REQUESTED']);
    expect(draw.errors![0]!.extensions).toMatchObject({ task: id, status: 'CANCELLATION_REQUESTED', action: 'drawInspectionTask' });
    expect(draw.errors![0]!.message).toContain('待督查审批');
    expect(await statusOf(id)).toBe('CANCELLATION_REQUESTED');
    expect((await system.query(PUBLIC_TASK, { id })).data.inspectionTask.draw).toBeNull();
    // The public list says a cancellation waits, and not that the task was drawn.
    const list = await (await fetch(`${base}/tasks`)).text();
    const row = list.slice(list.indexOf(id), list.indexOf('</tr>', list.indexOf(id)));
    expect(row).toContain('撤销申请待审批');
    expect(row).not.toContain('已抽取');
  });

  it('the person who requested it cannot decide it', async () => {
    const id = await settledTask('公布日同一人审批');
    const both = await userToken({ sub: 'wang', roles: ['coordinator', 'supervisor'], name: '王某' });
    expect((await system.query(CANCEL, { id, reason: REASON }, both)).errors).toBeUndefined();
    expect(codes(await system.query(APPROVE, { id, note: '同意' }, both))).toEqual(['SAME_PERSON']);
    expect(codes(await system.query(REJECT, { id, note: '驳回' }, both))).toEqual(['SAME_PERSON']);
    expect(await statusOf(id)).toBe('CANCELLATION_REQUESTED');
  });

  it('a rejection gives it back committed, the request cleared, and it can still be drawn', async () => {
    const id = await settledTask('公布日驳回撤销');
    await system.query(CANCEL, { id, reason: REASON }, coordinator);
    const rejected = await system.query(REJECT, { id, note: '理由不充分，按期抽取' }, supervisor);
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data.rejectCancellation).toMatchObject({ status: 'COMMITTED', cancellation: null });
    const draw = await system.query(DRAW, { id, beacon: BEACON }, coordinator);
    expect(draw.errors).toBeUndefined();
    expect(draw.data.drawInspectionTask.status).toBe('DRAWN');
    const trail = await system.query(TRAIL, { s: `task:${id}` }, supervisor);
    expect(trail.data.auditTrail.edges.map(({ node }: any) => node.action)).toEqual(
      expect.arrayContaining(['requestCancellation', 'rejectCancellation', 'drawInspectionTask']),
    );
  });

  it("a supervisor's approval cancels it, with both people named, and publishes no draw record (there is none)", async () => {
    const id = await settledTask('公布日批准撤销');
    await system.query(CANCEL, { id, reason: REASON }, coordinator);
    const approved = await system.query(APPROVE, { id, note: '同意撤销' }, supervisor);
    expect(approved.errors).toBeUndefined();
    expect(approved.data.approveCancellation).toMatchObject({
      status: 'CANCELLED',
      cancellation: { reason: REASON, requestedBy: { sub: 'coordinator-user' }, approvedBy: { sub: 'supervisor-user' }, note: '同意撤销' },
    });
    expect((await system.query(PUBLIC_TASK, { id })).data.inspectionTask).toMatchObject({ status: 'CANCELLED', draw: null });
    expect((await fetch(`${base}/tasks/${id}/draw/record.json`)).status).toBe(404);
    expect(codes(await system.query(DRAW, { id, beacon: BEACON }, coordinator))).toEqual(['TASK_CANCELLED']);
    const trail = await system.query(TRAIL, { s: `task:${id}` }, supervisor);
    const steps = trail.data.auditTrail.edges.map(({ node }: any) => [node.action, node.actor]);
    expect(steps).toEqual(
      expect.arrayContaining([
        ['requestCancellation', 'coordinator-user'],
        ['approveCancellation', 'supervisor-user'],
      ]),
    );
  });
});
