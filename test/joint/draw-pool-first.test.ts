/**
 * SSJ-DRAW-2 in the running system (docs/draw-algorithm.md §1–§9): the pool is fixed and
 * published when the task is committed, before the declared beacon value exists; the draw uses
 * that pool and records every change since; the public record proves the draw without naming
 * anyone; supervisors keep the full record.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, shanghaiDate } from '../../common/dates';
import { withUsccCheckCharacter } from '../../common/uscc';
import { main as verifyDraw } from '../../scripts/verify-draw';
import { Assignment } from '../../subgraphs/joint/src/assignments/assignment.entity';
import { DrawRow } from '../../subgraphs/joint/src/draw/draw.entity';
import { saltOf } from '../../subgraphs/joint/src/draw/ssj-draw-2/commitments';
import { TaskPoolRow } from '../../subgraphs/joint/src/draw/task-pool.entity';
import { startTestSystem, type TestSystem } from '../support/system';
import { tempDir } from '../support/temp';
import { tokens } from '../support/tokens';
import { BEACON, codes, COMMIT, CREATE, DRAW, drawn, FULL_RECORD, RECORD, taskInput } from './helpers';

let system: TestSystem;
let coordinator: string;
let supervisor: string;
/** The joint office's clock: the tests move it to the beacon's day and past the pool's life. */
let now = new Date();
const today = () => shanghaiDate(now);

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA'], seed: 'demo', now: () => now });
  coordinator = await tokens.coordinator();
  supervisor = await tokens.supervisor();
});

afterAll(() => system.stop());

const POOL = `query($id: ID!) { inspectionTask(id: $id) { status committedAt classRatios { a b c d } beacon { source date }
  pool { digest asOf inspectorCount url beacon { source date } countsByClass { riskClass count } } } }`;

const HOTEL = [
  { division: 'ZA', code: 'ZA-001' },
  { division: 'WA', code: 'WA-003' },
];

async function create(overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await system.query(CREATE, { input: taskInput({ items: HOTEL, ...overrides }) }, coordinator);
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  return created.data.createInspectionTask.id;
}

async function commit(id: string) {
  const committed = await system.query(COMMIT, { id }, coordinator);
  if (committed.errors) throw new Error(JSON.stringify(committed.errors));
  return committed.data.commitInspectionTask;
}

async function hotelUsccs(division: string): Promise<string[]> {
  const result = await system.query(
    `query($d: ID!) { division(code: $d) { targets(category: "旅馆", status: ACTIVE, first: 500) { edges { node { uscc } } } } }`,
    { d: division },
    coordinator,
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.division.targets.edges.map((edge: any) => edge.node.uscc);
}

/** Hotels no task has drawn yet: rule 3 leaves none of them out of a pool. */
async function undrawnHotelUsccs(division: string): Promise<string[]> {
  const result = await system.query(
    `query($d: ID!) { division(code: $d) { targets(category: "旅馆", status: ACTIVE, first: 100) { edges { node { uscc inspections { id } } } } } }`,
    { d: division },
    coordinator,
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.division.targets.edges.filter((edge: any) => edge.node.inspections.length === 0).map((edge: any) => edge.node.uscc);
}

async function download(path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(new URL(path, system.gateway.url));
  return { status: response.status, body: await response.text() };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

async function asDivisionAdmin(division: string, query: string, variables: Record<string, unknown>) {
  const result = await system.query(query, variables, await tokens.divisionAdmin(division));
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

describe('committing a task fixes and publishes its pool and its beacon declaration', () => {
  it('refuses to commit a task without a beacon declaration, or one dated before the commit day or more than 30 days after it', async () => {
    const undeclared = await create({ name: '未声明公开随机数的抽查', beacon: null });
    const refused = await system.query(COMMIT, { id: undeclared }, coordinator);
    expect(codes(refused)).toEqual(['BEACON_NOT_DECLARED']);
    expect(refused.errors![0]!.message).toMatch(/^任务 .* 尚未声明公开随机数.*\(declare the beacon/);
    for (const date of [addDays(today(), -1), addDays(today(), 31)]) {
      const id = await create({ name: `公开随机数日期 ${date}`, beacon: { source: '福彩3D 开奖号码', date } });
      expect(codes(await system.query(COMMIT, { id }, coordinator))).toEqual(['BAD_BEACON_DATE']);
      const state = await system.query(POOL, { id }, coordinator);
      expect(state.data.inspectionTask).toMatchObject({ status: 'DRAFT', pool: null });
    }
  });

  it('refuses class ratios out of order, with a code of their own', async () => {
    const result = await system.query(CREATE, { input: taskInput({ classRatios: { a: 600, b: 500, c: 2000, d: 10000 } }) }, coordinator);
    expect(codes(result)).toEqual(['INVALID_CLASS_RATIOS']);
    expect(result.errors![0]!.message).toContain('0 ≤ A ≤ B ≤ C ≤ D ≤ 10000');
  });

  it('shows the ratios a task draws with: without classRatios, ratioBp for A and B and highRiskRatioBp for C and D', async () => {
    const id = await create({ name: '默认分类比例', ratioBp: 500, highRiskRatioBp: 2000 });
    const state = await system.query(POOL, { id }, coordinator);
    expect(state.data.inspectionTask.classRatios).toEqual({ a: 500, b: 500, c: 2000, d: 2000 });
  });
});

describe('a pool fixed before the beacon exists', () => {
  let id: string;
  let committed: any;
  let poolJson: string;
  const beaconDate = addDays(today(), 2);
  // Directory changes made after the commit.
  const newcomer = withUsccCheckCharacter('91411000MA9NEW001');
  let recategorised: string;
  let lapsed: { division: string; id: string };
  let late: { division: string; id: string; uscc: string };
  let record: any;
  let full: any;

  it('publishes the pool digest, the counts per class and the beacon declaration at commit, and the public pool to anyone', async () => {
    id = await create({ name: '抽取池先行的旅馆业抽查', beacon: { source: '福彩3D 开奖号码（三位数字，以空格分隔）', date: beaconDate } });
    await commit(id);
    committed = (await system.query(POOL, { id })).data.inspectionTask;
    expect(committed.status).toBe('COMMITTED');
    expect(committed.beacon).toEqual({ source: '福彩3D 开奖号码（三位数字，以空格分隔）', date: beaconDate });
    expect(committed.pool).toMatchObject({ asOf: today(), beacon: committed.beacon, url: `/tasks/${id}/pool.json` });
    const usccs = new Set([...(await hotelUsccs('ZA')), ...(await hotelUsccs('WA'))]);
    expect(committed.pool.countsByClass.reduce((sum: number, entry: any) => sum + entry.count, 0)).toBe(usccs.size);
    expect(committed.pool.countsByClass.map((entry: any) => entry.riskClass)).toEqual(['D', 'C', 'B', 'A']);

    const pool = await download(committed.pool.url);
    expect(pool.status).toBe(200);
    poolJson = pool.body;
    expect(sha256(poolJson)).toBe(committed.pool.digest);
    const parsed = JSON.parse(poolJson);
    expect(parsed).toMatchObject({ algorithm: 'SSJ-DRAW-2', task: id, asOf: today(), beacon: committed.beacon });
    expect(parsed.targets).toHaveLength(usccs.size);
    // Entries, not entities: no USCC of the directories is in the public pool.
    for (const uscc of usccs) expect(poolJson).not.toContain(uscc);
  });

  it('refuses to draw before the declared beacon is public (BEACON_NOT_DUE), storing nothing', async () => {
    const result = await system.query(DRAW, { id, beacon: BEACON }, coordinator);
    expect(codes(result)).toEqual(['BEACON_NOT_DUE']);
    expect(result.errors![0]!.message).toContain(beaconDate);
    const em = system.joint.orm.em.fork();
    expect(await em.count(DrawRow, { task: id })).toBe(0);
    expect((await system.query(POOL, { id }, coordinator)).data.inspectionTask.status).toBe('COMMITTED');
  });

  it('takes changes to the directories after the commit: a new entity, a changed category, a lapsed certificate, a late conflict', async () => {
    // What the commit fixed, as the office stored it: the clear pool is not public.
    const stored = await system.joint.orm.em.fork().findOneOrFail(TaskPoolRow, { task: id }, { fields: ['clearPool'] });
    const clear = JSON.parse(stored.clearPool).pool;
    const za = clear.targets.filter((target: any) => target.divisions.includes('ZA')).map((target: any) => target.uscc);
    const pooled = clear.inspectors.filter((inspector: any) => inspector.division === 'ZA');
    const TARGET = `mutation($input: TargetInput!) { saveTarget(division: "ZA", input: $input) { uscc categories } }`;
    await asDivisionAdmin('ZA', TARGET, {
      input: { uscc: newcomer, name: '许昌市新开业宾馆', kind: 'ENTERPRISE', scope: '住宿服务', address: '许昌市魏都区新兴路 1 号', categories: ['旅馆'] },
    });
    recategorised = za[0]!;
    const entry = await system.query(
      `query($u: String!) { division(code: "ZA") { targets(search: $u) { edges { node { uscc name kind scope address } } } } }`,
      { u: recategorised },
      coordinator,
    );
    const node = entry.data.division.targets.edges[0].node;
    await asDivisionAdmin('ZA', TARGET, { input: { ...node, categories: ['印章刻制'] } });

    const inspectors = await system.query(
      `{ division(code: "ZA") { inspectors(first: 100) { edges { node { id name unit position expertise certificateNo certificateValidUntil active } } } } }`,
      {},
      coordinator,
    );
    const all = inspectors.data.division.inspectors.edges.map((edge: any) => edge.node);
    const eligible = pooled.map((inspector: any) => all.find((candidate: any) => candidate.id === inspector.id));
    const first = eligible[0];
    lapsed = { division: 'ZA', id: first.id };
    await asDivisionAdmin('ZA', `mutation($input: InspectorInput!) { saveInspector(division: "ZA", input: $input) { id } }`, {
      input: { ...first, certificateValidUntil: addDays(today(), 1) },
    });
    const second = eligible[1];
    late = { division: 'ZA', id: second.id, uscc: za.find((uscc: string) => uscc !== recategorised && !pooled[1].conflicts.includes(uscc))! };
    await asDivisionAdmin(
      'ZA',
      `mutation($i: ID!, $u: String!) { declareConflict(division: "ZA", inspector: $i, uscc: $u, reason: "配偶在该单位任职") { id } }`,
      { i: second.id, u: late.uscc },
    );
    // The public pool has not changed.
    expect((await download(committed.pool.url)).body).toBe(poolJson);
  });

  it('draws on the declared day from the committed pool: its digest is the one published at commit', async () => {
    now = new Date(`${beaconDate}T04:00:00Z`);
    let task: any;
    ({ task, record, full } = await drawn(system, id, '5 8 2'));
    expect(task.status).toBe('DRAWN');
    expect(record.poolDigest).toBe(committed.pool.digest);
    expect(task.draw.poolDigest).toBe(committed.pool.digest);
    expect(JSON.stringify(record.pool)).toBe(JSON.stringify(JSON.parse(poolJson)));
    expect(record.drawnOn).toBe(beaconDate);
    expect(task.draw.verification).toEqual({ ok: true, problems: [] });
  });

  it('leaves the pool as committed: the new entity is not in it, the recategorised one still is', async () => {
    const usccs = full.targets.map((target: any) => target.uscc);
    expect(usccs).not.toContain(newcomer);
    expect(usccs).toContain(recategorised);
  });

  it('withdraws the inspector whose certificate lapsed, and records the late conflict, each dated, in the full record', async () => {
    expect(full.withdrawn.inspectors).toEqual([{ ...lapsed, reason: 'NO_LONGER_ELIGIBLE', on: beaconDate }]);
    expect(full.lateConflicts).toEqual([{ ...late, on: beaconDate }]);
    const pseudonym = (who: { division: string; id: string }) => {
      const salt = saltOf(full.poolKey, `inspector:${who.division}:${who.id}`);
      return createHash('sha256').update(`SSJ-DRAW-2/inspector\n${id}\n${who.division}\n${who.id}\n${salt}`).digest('hex');
    };
    expect(record.withdrawn.inspectors).toEqual([{ pseudonym: pseudonym(lapsed), reason: 'NO_LONGER_ELIGIBLE' }]);
    const em = system.joint.orm.em.fork();
    const rows = await em.find(Assignment, { task: id });
    expect(rows.length).toBe(record.assignments.length);
    for (const row of rows) {
      expect(row.team).not.toContainEqual(lapsed);
      if (row.uscc === late.uscc) expect(row.team).not.toContainEqual({ division: late.division, id: late.id });
      expect(row.riskClass).toMatch(/^[A-D]$/);
      expect(row.stratum).toBe(row.riskClass === 'C' || row.riskClass === 'D' ? 'HIGH' : 'NORMAL');
    }
  });

  it('keeps the full record for supervisors, where it verifies; nobody else reads it', async () => {
    const verified = await system.query(`mutation($id: ID!) { verifyDraw(id: $id) { ok problems } }`, { id }, supervisor);
    expect(verified.data.verifyDraw).toEqual({ ok: true, problems: [] });
    const file = join(tempDir(), 'full.json');
    const answer = await system.query(FULL_RECORD, { id }, supervisor);
    writeFileSync(file, answer.data.inspectionTask.draw.fullRecord);
    const out: string[] = [];
    expect(await verifyDraw([file], { out: (line) => out.push(line), err: (line) => out.push(line) })).toBe(0);
    expect(out.join('\n')).toContain('OK');
    for (const token of [coordinator, await tokens.divisionAdmin('ZA'), await tokens.analyst()]) {
      expect(codes(await system.query(FULL_RECORD, { id }, token))).toEqual(['FORBIDDEN']);
    }
  });

  it('publishes a record that names no entity, no inspector and no conflict, and opens no undrawn entry', async () => {
    const text = (await system.query(RECORD, { id }, coordinator)).data.inspectionTask.draw.record as string;
    for (const target of full.targets) {
      expect(text).not.toContain(target.uscc);
      // An entry salt would let anyone tie an entry, and its class, to an entity.
      expect(text).not.toContain(saltOf(full.poolKey, `entry:${target.uscc}`));
    }
    for (const inspector of full.inspectors) expect(text).not.toMatch(new RegExp(`"${inspector.id}"`));
    expect(text).not.toContain(full.poolKey);
    expect(Object.keys(JSON.parse(text)).sort()).toEqual([
      'algorithm',
      'assignments',
      'beacon',
      'drawnOn',
      'openings',
      'pool',
      'poolDigest',
      'secret',
      'seed',
      'withdrawn',
    ]);
  });

  it('names no entity drawn by an unpublished task in the record of another', async () => {
    const nextId = await create({
      name: '第二轮旅馆业抽查',
      items: [{ division: 'ZA', code: 'ZA-001' }],
      beacon: { source: '福彩3D 开奖号码', date: today() },
    });
    await commit(nextId);
    const next = await drawn(system, nextId, '9 1 3');
    const drawnBefore = (await system.joint.orm.em.fork().find(Assignment, { task: id })).map((row) => row.uscc);
    // The recategorised hotel left the ZA hotel directory after the first commit: it is in no later pool, drawn or not.
    const zaDrawnBefore = (await system.joint.orm.em.fork().find(Assignment, { task: id })).filter(
      (row) => row.divisionCodes.includes('ZA') && row.uscc !== recategorised,
    );
    expect(next.full.excluded.map((entry: any) => entry.uscc).sort()).toEqual(zaDrawnBefore.map((row) => row.uscc).sort());
    const text = JSON.stringify(next.record);
    for (const uscc of drawnBefore) expect(text).not.toContain(uscc);
    expect(text).not.toContain(id);
    expect(next.record).not.toHaveProperty('excluded');
  });
});

describe('class ratios', () => {
  it('draws every entity of a class at 10000 and none of a class at 0', async () => {
    const za = await hotelUsccs('ZA');
    const risky = [za[3]!, za[4]!];
    for (const uscc of risky) {
      const filed = await system.query(
        `mutation($u: String!, $on: Date!) { fileComplaint(uscc: $u, summary: "群众举报：未登记旅客身份信息", receivedOn: $on) { id } }`,
        { u: uscc, on: today() },
        coordinator,
      );
      expect(filed.errors).toBeUndefined();
    }
    const id = await create({
      name: '只抽较高风险类',
      items: [{ division: 'ZA', code: 'ZA-001' }],
      classRatios: { a: 0, b: 0, c: 10000, d: 10000 },
      beacon: { source: '福彩3D 开奖号码', date: today() },
    });
    const task = await commit(id);
    expect(task.status).toBe('COMMITTED');
    const { full, opened } = await drawn(system, id, '2 2 7');
    const classC = full.targets.filter((target: any) => target.class === 'C').map((target: any) => target.uscc);
    expect(full.targets.some((target: any) => target.class === 'B')).toBe(true);
    expect(opened.map((assignment) => assignment.uscc).sort()).toEqual([...classC].sort());
    expect(opened.every((assignment) => assignment.class === 'C')).toBe(true);
    const assignments = await system.query(
      `query($id: ID!) { inspectionTask(id: $id) { assignments { edges { node { uscc riskClass stratum } } } } }`,
      { id },
      coordinator,
    );
    for (const { node } of assignments.data.inspectionTask.assignments.edges) expect(node).toMatchObject({ riskClass: 'C', stratum: 'HIGH' });
    // Statistics per class: the pool, the ratio, what it asks for and what was drawn.
    const stats = await system.query(
      `query($id: ID!) { inspectionTask(id: $id) { pool { classes { riskClass pool ratioBp required drawn ratioMet } } } }`,
      { id },
      coordinator,
    );
    const byClass = new Map(stats.data.inspectionTask.pool.classes.map((entry: any) => [entry.riskClass, entry]));
    const poolOf = (riskClass: string) => full.targets.filter((target: any) => target.class === riskClass).length;
    expect(byClass.get('C')).toEqual({ riskClass: 'C', pool: classC.length, ratioBp: 10000, required: classC.length, drawn: classC.length, ratioMet: true });
    expect(byClass.get('B')).toEqual({ riskClass: 'B', pool: poolOf('B'), ratioBp: 0, required: 0, drawn: 0, ratioMet: true });
    // The class of a drawn entity is for the office: a division's staff does not see it.
    const asDivision = await system.query(
      `query($id: ID!) { inspectionTask(id: $id) { assignments { edges { node { riskClass } } } } }`,
      { id },
      await tokens.divisionAdmin('ZA'),
    );
    for (const { node } of asDivision.data.inspectionTask.assignments.edges) expect(node.riskClass).toBeNull();
  });

  it('draws no entity of class A at 0, every D at 10000, and draws an imported A with a recent complaint as C', async () => {
    const za = await hotelUsccs('ZA');
    // Earlier tasks of this file drew some hotels, which rule 3 keeps out of this pool: A and D are given to hotels no task drew.
    const undrawn = (await undrawnHotelUsccs('ZA')).filter((uscc) => uscc !== za[3]);
    expect(undrawn.length).toBeGreaterThanOrEqual(7);
    const classA = undrawn.slice(0, 5);
    const classD = undrawn.slice(5, 7);
    // za[3] has a complaint of today (the test above): imported as A, it is drawn as C.
    const assessments = [...[...classA, za[3]!].map((uscc) => [uscc, 'A']), ...classD.map((uscc) => [uscc, 'D'])];
    for (const [uscc, riskClass] of assessments) {
      const set = await system.query(
        `mutation($u: String!, $c: CreditRiskClass!, $on: Date!) { setCreditClass(uscc: $u, riskClass: $c, source: "市场监管部门企业信用风险分类结果", assessedOn: $on) { uscc } }`,
        { u: uscc, c: riskClass, on: today() },
        coordinator,
      );
      expect(set.errors).toBeUndefined();
    }
    const id = await create({
      name: '低风险不抽、高风险全抽',
      items: [{ division: 'ZA', code: 'ZA-001' }],
      classRatios: { a: 0, b: 0, c: 0, d: 10000 },
      beacon: { source: '福彩3D 开奖号码', date: today() },
    });
    await commit(id);
    const { full, opened } = await drawn(system, id, '6 0 3');
    const classOf = new Map<string, string>(full.targets.map((target: any) => [target.uscc, target.class]));
    const inPoolA = classA.filter((uscc) => classOf.has(uscc));
    expect(inPoolA.length).toBeGreaterThan(0);
    for (const uscc of inPoolA) expect(classOf.get(uscc)).toBe('A');
    expect(classOf.get(za[3]!)).toBe('C');
    const inPoolD = classD.filter((uscc) => classOf.has(uscc));
    expect(inPoolD).toEqual(classD);
    for (const uscc of inPoolD) expect(classOf.get(uscc)).toBe('D');
    // Only D is drawn, all of it: no A entity, and not the raised one either (C at 0).
    expect(opened.map((assignment) => assignment.uscc).sort()).toEqual([...inPoolD].sort());
    const stats = await system.query(`query($id: ID!) { inspectionTask(id: $id) { pool { classes { riskClass pool drawn ratioMet } } } }`, { id }, coordinator);
    const byClass = new Map(stats.data.inspectionTask.pool.classes.map((entry: any) => [entry.riskClass, entry]));
    expect(byClass.get('A')).toEqual({ riskClass: 'A', pool: inPoolA.length, drawn: 0, ratioMet: true });
    expect(byClass.get('D')).toEqual({ riskClass: 'D', pool: inPoolD.length, drawn: inPoolD.length, ratioMet: true });
  });
});

describe('tasks committed before SSJ-DRAW-2', () => {
  it('are drawn with SSJ-DRAW-1 as before, and their records verify', async () => {
    const id = await create({ name: '升级前确定的抽查', items: [{ division: 'ZA', code: 'ZA-001' }], beacon: { source: '福彩3D 开奖号码', date: today() } });
    await commit(id);
    // A task committed by the previous version has no stored pool: the upgrade adds none.
    await system.joint.orm.em.fork().nativeDelete(TaskPoolRow, { task: id });
    const { task, record, full } = await drawn(system, id, '2026-11-28 福彩3D 第2026318期 开奖号码 4 7 1');
    expect(record.input.algorithm).toBe('SSJ-DRAW-1');
    expect(task.draw.algorithm).toBe('SSJ-DRAW-1');
    expect(full).toBeNull();
    expect(task.draw.verification).toEqual({ ok: true, problems: [] });
  });
});

describe('the pool has a life of 30 days', () => {
  it('refuses a draw more than 30 days after the commit (POOL_EXPIRED), storing nothing', async () => {
    const id = await create({ name: '过期的抽取池', items: [{ division: 'ZA', code: 'ZA-001' }], beacon: { source: '福彩3D 开奖号码', date: today() } });
    await commit(id);
    const committedOn = today();
    now = new Date(now.getTime() + 31 * 86_400_000);
    const result = await system.query(DRAW, { id, beacon: BEACON }, coordinator);
    expect(codes(result)).toEqual(['POOL_EXPIRED']);
    expect(result.errors![0]!.message).toContain(committedOn);
    expect(await system.joint.orm.em.fork().count(DrawRow, { task: id })).toBe(0);
    expect((await system.query(POOL, { id }, coordinator)).data.inspectionTask.status).toBe('COMMITTED');
  });
});
