import { startTestSystem, type TestSystem } from '../support/system';
import { tokens, userToken } from '../support/tokens';
import { codes, committedTask, CREATE, DRAW, taskInput, YEAR } from './helpers';

/**
 * An audit trail a supervisor can read: every entry names the person, an
 * update lists the fields it changed with old and new values, and a signed-in
 * caller's refused attempt is recorded as refused, with its code and who tried.
 */

let system: TestSystem;
let coordinator: string;
let supervisor: string;

const ENTRY = 'seq at actor actorName role division action subject inputDigest requestId changes { field before after } refusal prevHash hash';
const TRAIL = `query($s: String, $refused: Boolean) { auditTrail(subject: $s, refused: $refused, first: 50) { totalCount edges { node { ${ENTRY} } } } }`;
const CHAIN = `{ auditChain { ok length firstBrokenAt } }`;
const UPDATE = `mutation($id: ID!, $input: InspectionTaskInput!) { updateInspectionTask(id: $id, input: $input) { id name ratioBp } }`;

interface Entry {
  seq: number;
  actor: string;
  actorName: string | null;
  role: string;
  action: string;
  subject: string;
  changes: Array<{ field: string; before: string | null; after: string | null }> | null;
  refusal: string | null;
}

async function trail(subject: string, refused?: boolean): Promise<Entry[]> {
  const result = await system.query(TRAIL, { s: subject, refused }, supervisor);
  expect(result.errors).toBeUndefined();
  return result.data.auditTrail.edges.map((edge: { node: Entry }) => edge.node);
}

async function chain() {
  return (await system.query(CHAIN, {}, supervisor)).data.auditChain as { ok: boolean; length: number; firstBrokenAt: number | null };
}

async function draftTask(name: string): Promise<string> {
  const created = await system.query(CREATE, { input: taskInput({ name }) }, coordinator);
  expect(created.errors).toBeUndefined();
  return created.data.createInspectionTask.id;
}

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA', 'CRJ'], seed: 'demo' });
  coordinator = await tokens.coordinator();
  supervisor = await tokens.supervisor();
});

afterAll(() => system.stop());

describe('the joint audit trail a supervisor reads', () => {
  it('a draw before its task is committed is refused and recorded as refused, with the code and who tried', async () => {
    const id = await draftTask('未提交即抽取');
    const before = await chain();
    const refused = await system.query(DRAW, { id, beacon: 'beacon' }, coordinator);
    expect(codes(refused)).toEqual(['TASK_NOT_COMMITTED']);
    const [entry] = await trail(`task:${id}`, true);
    expect(entry).toMatchObject({
      action: 'drawInspectionTask',
      subject: `task:${id}`,
      refusal: 'TASK_NOT_COMMITTED',
      actor: 'coordinator-user',
      actorName: '联席办 张协调',
      role: 'coordinator',
      changes: null,
    });
    // The refusal is one entry of its own; the task is untouched, still a draft.
    expect(await chain()).toEqual({ ok: true, length: before.length + 1, firstBrokenAt: null });
    const task = await system.query(`query($id: ID!) { inspectionTask(id: $id) { status } }`, { id }, coordinator);
    expect(task.data.inspectionTask.status).toBe('DRAFT');
  });

  it('a draw by someone without the coordinator role is refused with FORBIDDEN and recorded with their name', async () => {
    const id = await committedTask(system, { name: '越权抽取' });
    const analyst = await userToken({ sub: 'wang-analyst', roles: ['analyst'], name: '王分析' });
    expect(codes(await system.query(DRAW, { id, beacon: 'beacon' }, analyst))).toEqual(['FORBIDDEN']);
    const refusals = await trail(`task:${id}`, true);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ action: 'drawInspectionTask', refusal: 'FORBIDDEN', actor: 'wang-analyst', actorName: '王分析', role: 'analyst' });
    // Done changes and refusals are told apart: the task's creation and commitment are not refusals.
    const done = await trail(`task:${id}`, false);
    expect(done.map((entry) => [entry.action, entry.refusal])).toEqual([
      ['commitInspectionTask', null],
      ['createInspectionTask', null],
    ]);
    // The chain's report counts the refusals the trail lists.
    const report = await system.query(`{ auditChain { ok refusals } auditTrail(refused: true, first: 0) { totalCount } }`, {}, supervisor);
    expect(report.data.auditChain).toEqual({ ok: true, refusals: report.data.auditTrail.totalCount });
    expect(report.data.auditChain.refusals).toBeGreaterThanOrEqual(2);
  });

  it('a draw that fails for its pool is recorded as refused, and the task stays committed', async () => {
    const id = await committedTask(system, { name: '印章刻制业抽查（审计）', items: [{ division: 'ZA', code: 'ZA-002' }], periodEnd: `${YEAR + 9}-12-31` });
    expect(codes(await system.query(DRAW, { id, beacon: 'beacon' }, coordinator))).toEqual(['NOT_ENOUGH_INSPECTORS']);
    const [entry] = await trail(`task:${id}`);
    expect(entry).toMatchObject({ action: 'drawInspectionTask', refusal: 'NOT_ENOUGH_INSPECTORS', actorName: '联席办 张协调' });
    const task = await system.query(`query($id: ID!) { inspectionTask(id: $id) { status } }`, { id }, coordinator);
    expect(task.data.inspectionTask.status).toBe('COMMITTED');
  });

  it('anonymous calls and malformed input leave no entry: no stranger can grow the log', async () => {
    const id = await draftTask('匿名与无效输入');
    const before = await chain();
    expect(codes(await system.query(DRAW, { id, beacon: 'beacon' }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await system.query(UPDATE, { id, input: taskInput({ name: '   ' }) }, coordinator))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await system.query(DRAW, { id: 'T1999-9999', beacon: 'beacon' }, coordinator))).toEqual(['NOT_FOUND']);
    expect(await chain()).toEqual(before);
  });

  it("an update's entry lists the fields it changed with their old and new values, and who made it", async () => {
    const id = await draftTask('修改前的名称');
    const updated = await system.query(UPDATE, { id, input: taskInput({ name: '修改后的名称', ratioBp: 800 }) }, coordinator);
    expect(updated.errors).toBeUndefined();
    const [entry] = await trail(`task:${id}`);
    expect(entry).toMatchObject({ action: 'updateInspectionTask', actorName: '联席办 张协调', refusal: null });
    expect(entry!.changes).toEqual([
      { field: 'name', before: '修改前的名称', after: '修改后的名称' },
      { field: 'ratioBp', before: '500', after: '800' },
    ]);
    // Saving the same definition again changes nothing, and the entry says so.
    await system.query(UPDATE, { id, input: taskInput({ name: '修改后的名称', ratioBp: 800 }) }, coordinator);
    const [again] = await trail(`task:${id}`);
    expect(again).toMatchObject({ action: 'updateInspectionTask', changes: null });
    expect((await chain()).ok).toBe(true);
  });

  it('a credit flag change shows the flag before and after', async () => {
    const uscc = '91411002000000001Y';
    const SET = `mutation($active: Boolean!) { setRiskFlag(uscc: "${uscc}", flag: SERIOUS_VIOLATION, active: $active, source: "市场监管部门通报") { uscc } }`;
    expect((await system.query(SET, { active: true }, coordinator)).errors).toBeUndefined();
    expect((await system.query(SET, { active: false }, coordinator)).errors).toBeUndefined();
    const [cleared] = await trail(`entity:${uscc}`);
    expect(cleared!.action).toBe('setRiskFlag');
    expect(cleared!.changes).toEqual(expect.arrayContaining([{ field: 'active', before: 'true', after: 'false' }]));
  });

  it('every entry names the person, and the whole trail is for supervisors only', async () => {
    const entries = await trail('task:*');
    expect(entries.length).toBeGreaterThan(3);
    const names: Record<string, string> = { 'coordinator-user': '联席办 张协调', 'wang-analyst': '王分析' };
    for (const entry of entries) expect(entry.actorName).toBe(names[entry.actor]);
    for (const token of [undefined, coordinator, await tokens.analyst()]) {
      const result = await system.query(TRAIL, { s: 'task:*' }, token);
      expect(codes(result)).toEqual([token ? 'FORBIDDEN' : 'UNAUTHENTICATED']);
      expect(result.data?.auditTrail ?? null).toBeNull();
    }
  });
});
