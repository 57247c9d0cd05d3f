import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main as verifyDraw } from '../../scripts/verify-draw';
import { DrawRow } from '../../subgraphs/joint/src/draw/draw.entity';
import { Assignment } from '../../subgraphs/joint/src/assignments/assignment.entity';
import { startTestDivision } from '../support/services';
import { startTestSystem, type TestSystem } from '../support/system';
import { tempDir } from '../support/temp';
import { tokens } from '../support/tokens';
import {
  codes,
  COMMIT,
  committedTask,
  CREATE,
  DRAW,
  drawn,
  FULL_RECORD,
  onDataLead,
  openAssignments,
  RECORD,
  taskInput,
  TODAY,
  YEAR,
  type OpenedAssignment,
} from './helpers';

let system: TestSystem;
let coordinator: string;

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA', 'CRJ'], seed: 'demo' });
  coordinator = await tokens.coordinator();
});

afterAll(() => system.stop());

async function hotelDirectory(division: string): Promise<Set<string>> {
  const result = await system.query(
    `query($d: ID!) { division(code: $d) { targets(category: "旅馆", status: ACTIVE, first: 500) { totalCount edges { node { uscc } } } } }`,
    { d: division },
    coordinator,
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return new Set(result.data.division.targets.edges.map((edge: any) => edge.node.uscc));
}

describe('a three-division hotel inspection (ZA-001, WA-003, CRJ-001)', () => {
  let id: string;
  let record: any;
  let full: any;
  let opened: OpenedAssignment[];
  let task: any;
  let publishedDigest: string;

  it('creates a DRAFT task whose items are read from three division instances', async () => {
    const created = await system.query(CREATE, { input: taskInput() }, coordinator);
    expect(created.errors).toBeUndefined();
    task = created.data.createInspectionTask;
    expect(task).toMatchObject({ status: 'DRAFT', isJoint: true, leadDivision: 'ZA', seedCommitment: null, draw: null });
    expect(task.divisions).toEqual([
      { code: 'CRJ', name: '出入境管理支队' },
      { code: 'WA', name: '网络安全保卫支队' },
      { code: 'ZA', name: '治安管理支队' },
    ]);
    expect(task.items.map((item: any) => item.name)).toEqual(['旅馆业治安管理检查', '公共上网服务安全保护技术措施检查', '境外人员住宿登记检查']);
    id = task.id;
  });

  it('refuses to draw before the items are fixed', async () => {
    const result = await system.query(DRAW, { id, beacon: 'early' }, coordinator);
    expect(codes(result)).toEqual(['TASK_NOT_COMMITTED']);
  });

  it('publishes a commitment to a secret it does not reveal', async () => {
    const committed = await system.query(COMMIT, { id }, coordinator);
    expect(committed.data.commitInspectionTask.status).toBe('COMMITTED');
    expect(committed.data.commitInspectionTask.seedCommitment).toMatch(/^[0-9a-f]{64}$/);
    expect(committed.data.commitInspectionTask.draw).toBeNull();
    const again = await system.query(COMMIT, { id }, coordinator);
    expect(codes(again)).toEqual(['TASK_NOT_DRAFT']);
    const publicView = await system.query(`query($id: ID!) { inspectionTask(id: $id) { status seedCommitment pool { digest } } }`, { id });
    expect(publicView.data.inspectionTask.seedCommitment).toBe(committed.data.commitInspectionTask.seedCommitment);
    publishedDigest = publicView.data.inspectionTask.pool.digest;
    expect(publishedDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('draws once: entities in several directories become one target carrying every division', async () => {
    ({ task, record, full, opened } = await drawn(system, id));
    const [za, wa, crj] = await Promise.all(['ZA', 'WA', 'CRJ'].map(hotelDirectory));
    const union = new Set([...za, ...wa, ...crj]);
    expect(task.status).toBe('DRAWN');
    expect(record.algorithm).toBe('SSJ-DRAW-2');
    expect(record.poolDigest).toBe(publishedDigest);
    expect(task.draw.poolSize).toBe(union.size);
    expect(record.pool.targets).toHaveLength(union.size);
    expect(full.targets).toHaveLength(union.size);
    for (const target of full.targets) {
      const expected = [
        ['CRJ', crj],
        ['WA', wa],
        ['ZA', za],
      ]
        .filter(([, set]) => (set as Set<string>).has(target.uscc))
        .map(([code]) => code);
      expect(target.divisions).toEqual(expected);
    }
    expect(full.targets.some((target: any) => target.divisions.length === 3)).toBe(true);
    expect(task.draw.verification).toEqual({ ok: true, problems: [] });
    expect(task.draw.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(record.pool.commitment).toBe(task.seedCommitment);
    expect(task.draw.selectedCount).toBe(record.assignments.length);
  });

  it('sends every division of a target, with at least two inspectors in all', async () => {
    for (const assignment of record.assignments) {
      expect(assignment.team.length).toBeGreaterThanOrEqual(2);
      expect([...new Set(assignment.team.map((member: any) => member.division))].sort()).toEqual(assignment.divisions);
    }
  });

  it('resolves names, items and certificates of each assignment from the three instances', async () => {
    const result = await system.query(
      `query($id: ID!) { inspectionTask(id: $id) { assignments(first: 200) { totalCount edges { node {
          id uscc stratum entityName complete
          targets { division name address }
          items { division code name }
          inspectors { division id name certificateNo certificateValidUntil } } } } } }`,
      { id },
      coordinator,
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data.inspectionTask.assignments.edges.map((edge: any) => edge.node);
    expect(nodes).toHaveLength(record.assignments.length);
    nodes.forEach((node: any, index: number) => {
      const drawnOne = opened[index]!;
      expect(node.uscc).toBe(drawnOne.uscc);
      expect(node.targets.map((target: any) => target.division)).toEqual(drawnOne.divisions);
      expect(node.targets.every((target: any) => target.name === node.entityName)).toBe(true);
      expect(node.inspectors.map((inspector: any) => `${inspector.division}:${inspector.id}`)).toEqual(
        drawnOne.team.map((member: any) => `${member.division}:${member.id}`),
      );
      for (const inspector of node.inspectors) expect(inspector.certificateValidUntil >= taskInput().periodEnd).toBe(true);
      expect(node.items.map((item: any) => item.division).sort()).toEqual(drawnOne.divisions);
      expect(node.complete).toBe(false);
    });
  });

  it('keeps the record from the public until publication, but shows the seed', async () => {
    const publicView = await system.query(`query($id: ID!) { inspectionTask(id: $id) { draw { seed beacon poolDigest } } }`, { id });
    expect(publicView.data.inspectionTask.draw.seed).toBe(record.seed);
    const hidden = await system.query(RECORD, { id });
    expect(codes(hidden)).toEqual(['FORBIDDEN']);
    const assignments = await system.query(`query($id: ID!) { inspectionTask(id: $id) { assignments { totalCount } } }`, { id });
    expect(codes(assignments)).toEqual(['FORBIDDEN']);
  });

  it('verifies offline with npm run verify-draw', async () => {
    const file = join(tempDir(), 'record.json');
    const token = await tokens.supervisor();
    const result = await system.query(RECORD, { id }, token);
    writeFileSync(file, result.data.inspectionTask.draw.record);
    const out: string[] = [];
    const sink = { out: (line: string) => out.push(line), err: (line: string) => out.push(line) };
    expect(await verifyDraw([file], sink)).toBe(0);
    expect(out.join('\n')).toContain('OK');
    const tampered = JSON.parse(result.data.inspectionTask.draw.record);
    tampered.assignments[0].team[0].inspector = tampered.pool.inspectors.find(
      (inspector: any) =>
        inspector.division === tampered.assignments[0].team[0].division &&
        !tampered.assignments[0].team.some((seat: any) => seat.inspector === inspector.pseudonym),
    ).pseudonym;
    writeFileSync(file, JSON.stringify(tampered));
    expect(await verifyDraw([file], sink)).toBe(1);
    expect(out.join('\n')).toMatch(/assignment/i);
    // The full record, for supervisors, verifies the same way.
    const fullAnswer = await system.query(FULL_RECORD, { id }, token);
    writeFileSync(file, fullAnswer.data.inspectionTask.draw.fullRecord);
    out.length = 0;
    expect(await verifyDraw([file], sink)).toBe(0);
    expect(out.join('\n')).toContain('OK');
  });

  it('returns the stored draw for a repeated call with the same beacon, and refuses another beacon', async () => {
    const same = await system.query(DRAW, { id, beacon: record.beacon }, coordinator);
    expect(same.data.drawInspectionTask.draw.seed).toBe(record.seed);
    const other = await system.query(DRAW, { id, beacon: 'a different beacon' }, coordinator);
    expect(codes(other)).toEqual(['ALREADY_DRAWN']);
  });

  it('leaves an entity drawn this year out of the next RANDOM task, unless it has an open complaint', async () => {
    const [first, second] = opened.map((assignment) => assignment.uscc);
    const complaint = await system.query(
      `mutation($uscc: String!, $on: Date!) { fileComplaint(uscc: $uscc, summary: "群众举报：未落实旅客住宿登记", receivedOn: $on) { id open } }`,
      { uscc: second, on: TODAY },
      coordinator,
    );
    expect(complaint.errors).toBeUndefined();
    const next = await committedTask(system, { name: '旅馆业第二轮抽查', items: [{ division: 'ZA', code: 'ZA-001' }] });
    const { full: nextFull } = await drawn(system, next, 'second round beacon');
    const excluded = nextFull.excluded.map((entry: any) => entry.uscc);
    const inPool = new Map(nextFull.targets.map((target: any) => [target.uscc, target]));
    expect(excluded).toContain(first);
    expect(nextFull.excluded.find((entry: any) => entry.uscc === first)).toEqual({ uscc: first, reason: 'DRAWN_THIS_YEAR', task: id });
    expect(inPool.has(first)).toBe(false);
    expect(excluded).not.toContain(second);
    // A complaint in the last 12 months raises the entity's class to C (the old HIGH stratum).
    expect(inPool.get(second)).toMatchObject({ class: 'C' });
    expect(excluded.length).toBe(opened.filter((assignment) => assignment.divisions.includes('ZA')).length - 1);
  });
});

describe('draw failures store nothing', () => {
  async function storedDraws(task: string) {
    const em = system.joint.orm.em.fork();
    return { draws: await em.count(DrawRow, { task }), assignments: await em.count(Assignment, { task }) };
  }

  async function expectStillCommitted(task: string) {
    const state = await system.query(`query($id: ID!) { inspectionTask(id: $id) { status draw { seed } } }`, { id: task }, coordinator);
    expect(state.data.inspectionTask).toEqual({ status: 'COMMITTED', draw: null });
    expect(await storedDraws(task)).toEqual({ draws: 0, assignments: 0 });
  }

  it('NOT_ENOUGH_INSPECTORS names the division and the entity', async () => {
    const id = await committedTask(system, { name: '印章刻制业抽查（长期）', items: [{ division: 'ZA', code: 'ZA-002' }], periodEnd: `${YEAR + 9}-12-31` });
    const result = await system.query(DRAW, { id, beacon: 'b' }, coordinator);
    expect(codes(result)).toEqual(['NOT_ENOUGH_INSPECTORS']);
    expect(result.errors![0]!.extensions).toMatchObject({ division: 'ZA', uscc: expect.stringMatching(/^[0-9A-Z]{18}$/) });
    expect(result.errors![0]!.message).toContain('ZA');
    await expectStillCommitted(id);
  });

  it('DIVISION_UNAVAILABLE names the division that is down', async () => {
    const id = await committedTask(system, {
      name: '出入境住宿登记抽查',
      items: [
        { division: 'CRJ', code: 'CRJ-001' },
        { division: 'WA', code: 'WA-003' },
      ],
    });
    const crj = system.divisions.get('CRJ')!;
    await crj.stop();
    try {
      const result = await system.query(DRAW, { id, beacon: 'b' }, coordinator);
      expect(codes(result)).toEqual(['DIVISION_UNAVAILABLE']);
      expect(result.errors![0]!.extensions!.division).toBe('CRJ');
      await expectStillCommitted(id);
    } finally {
      system.divisions.set('CRJ', await startTestDivision({ code: 'CRJ', port: crj.port, location: crj.location }));
    }
  });

  it("EMPTY_POOL when no entity carries the item's category: the commit is refused, the task stays a DRAFT", async () => {
    const admin = await tokens.divisionAdmin('ZA');
    const item = await system.query(
      `mutation { saveCheckItem(division: "ZA", input: { code: "ZA-099", name: "测试事项", basis: "测试", subject: "治安管理支队", targetCategory: "无对象类别", ratioBp: 1000, timesPerYear: 1, method: "实地检查", content: "测试" }) { code } }`,
      {},
      admin,
    );
    expect(item.errors).toBeUndefined();
    const created = await system.query(CREATE, { input: taskInput({ name: '空名录抽查', items: [{ division: 'ZA', code: 'ZA-099' }] }) }, coordinator);
    const id = created.data.createInspectionTask.id;
    const result = await system.query(COMMIT, { id }, coordinator);
    expect(codes(result)).toEqual(['EMPTY_POOL']);
    const state = await system.query(`query($id: ID!) { inspectionTask(id: $id) { status seedCommitment pool { digest } } }`, { id }, coordinator);
    expect(state.data.inspectionTask).toEqual({ status: 'DRAFT', seedCommitment: null, pool: null });
    expect(await storedDraws(id)).toEqual({ draws: 0, assignments: 0 });
  });
});

describe('drawing once under concurrency', () => {
  it('stores exactly one draw when eight calls arrive at once', async () => {
    const id = await committedTask(system, { name: '并发抽取测试', items: [{ division: 'WA', code: 'WA-001' }], ratioBp: 3000, highRiskRatioBp: 5000 });
    const results = await Promise.all(Array.from({ length: 8 }, () => system.query(DRAW, { id, beacon: 'same beacon' }, coordinator)));
    const seeds = new Set(results.map((result) => result.data?.drawInspectionTask?.draw?.seed));
    expect(results.every((result) => result.errors === undefined)).toBe(true);
    expect(seeds.size).toBe(1);
    const em = system.joint.orm.em.fork();
    expect(await em.count(DrawRow, { task: id })).toBe(1);
    const row = await em.findOneOrFail(DrawRow, { task: id });
    expect(await em.count(Assignment, { task: id })).toBe(row.selectedCount);
    const competing = await Promise.all(Array.from({ length: 4 }, (_, i) => system.query(DRAW, { id, beacon: `beacon ${i}` }, coordinator)));
    expect(competing.every((result) => codes(result)[0] === 'ALREADY_DRAWN')).toBe(true);
  });
});

describe('task definitions', () => {
  it.each([
    ['an unknown item', { items: [{ division: 'ZA', code: 'ZA-404' }] }, 'UNKNOWN_ITEM'],
    ['an unknown division', { items: [{ division: 'XX', code: 'XX-001' }] }, 'UNKNOWN_DIVISION'],
    ['a ratio above the high-risk ratio', { ratioBp: 3000, highRiskRatioBp: 2000 }, 'BAD_USER_INPUT'],
    ['a zero ratio', { ratioBp: 0 }, 'BAD_USER_INPUT'],
    ['no inspectors per division', { inspectorsPerDivision: 0 }, 'BAD_USER_INPUT'],
    ['a period ending before it starts', { periodEnd: '2000-01-01' }, 'BAD_USER_INPUT'],
    ['an impossible date', { periodEnd: `${YEAR}-02-30` }, 'BAD_USER_INPUT'],
    ['a DIRECTED task naming nobody', { kind: 'DIRECTED', ratioBp: 10000, highRiskRatioBp: 10000 }, 'BAD_USER_INPUT'],
    [
      'a DIRECTED task naming an invalid USCC',
      { kind: 'DIRECTED', ratioBp: 10000, highRiskRatioBp: 10000, directedTargets: onDataLead(['91440300708461136U']) },
      'INVALID_USCC',
    ],
    ['a RANDOM task naming targets', { targets: ['91440300708461136T'] }, 'BAD_USER_INPUT'],
    ['a RANDOM task naming directed targets', { directedTargets: onDataLead(['91440300708461136T']) }, 'BAD_USER_INPUT'],
  ])('refuses %s', async (_label, overrides, code) => {
    const result = await system.query(CREATE, { input: taskInput(overrides) }, coordinator);
    expect(codes(result)).toEqual([code]);
  });

  it('lets only coordinators create, commit and draw', async () => {
    for (const token of [await tokens.supervisor(), await tokens.divisionAdmin('ZA'), await tokens.inspector('ZA', 'ZA-0001'), await tokens.analyst()]) {
      expect(codes(await system.query(CREATE, { input: taskInput() }, token))).toEqual(['FORBIDDEN']);
    }
    expect(codes(await system.query(CREATE, { input: taskInput() }))).toEqual(['UNAUTHENTICATED']);
  });

  it('draws a DIRECTED task: exactly the named entities, with random teams', async () => {
    const za = [...(await hotelDirectory('ZA'))];
    const named = [za[5]!, za[17]!];
    const id = await committedTask(system, {
      name: '投诉举报定向检查',
      kind: 'DIRECTED',
      ratioBp: 10000,
      highRiskRatioBp: 10000,
      directedTargets: onDataLead(named),
      items: [{ division: 'ZA', code: 'ZA-001' }],
    });
    const { full, opened } = await drawn(system, id, 'directed beacon');
    expect(opened.map((assignment) => assignment.uscc).sort()).toEqual([...named].sort());
    expect(full.excluded).toEqual([]);
    expect(full.record.pool.classRatios).toEqual({ A: 10000, B: 10000, C: 10000, D: 10000 });
    for (const assignment of opened) expect(assignment.team).toHaveLength(2);
  });

  it('keeps the joint audit chain intact through all of this', async () => {
    const result = await system.query(`{ auditChain { ok length firstBrokenAt } }`, {}, await tokens.supervisor());
    expect(result.data.auditChain).toMatchObject({ ok: true, firstBrokenAt: null });
    expect(result.data.auditChain.length).toBeGreaterThan(10);
    expect(codes(await system.query(`{ auditChain { ok } }`, {}, coordinator))).toEqual(['FORBIDDEN']);
  });
});

describe('reading assignments', () => {
  it('shows an inspector their own assignments, and their divisions see them on the directory entry', async () => {
    const tasks = await system.query(`{ inspectionTasks(year: ${YEAR}, status: DRAWN, first: 1) { edges { node { id } } } }`, {}, coordinator);
    const id = tasks.data.inspectionTasks.edges[0].node.id;
    const { data } = await system.query(FULL_RECORD, { id }, await tokens.supervisor());
    const assignment = openAssignments(JSON.parse(data.inspectionTask.draw.fullRecord))[0]!;
    const member = assignment.team[0];
    const mine = await system.query(
      `{ myAssignments { totalCount edges { node { uscc task { id } inspectors { id } } } } }`,
      {},
      await tokens.inspector(member.division, member.id),
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data.myAssignments.edges.map((edge: any) => edge.node.uscc)).toContain(assignment.uscc);
    const onEntry = await system.query(
      `query($d: ID!, $u: String!) { division(code: $d) { targets(search: $u) { edges { node { uscc inspections { id task { id } } } } } } }`,
      { d: member.division, u: assignment.uscc },
      coordinator,
    );
    expect(onEntry.errors).toBeUndefined();
    expect(onEntry.data.division.targets.edges[0].node.inspections.map((row: any) => row.task.id)).toContain(id);
    const team = await system.query(
      `query($d: ID!, $i: String!) { division(code: $d) { inspectors(search: $i) { edges { node { id assignments(year: ${YEAR}) { uscc } } } } } }`,
      { d: member.division, i: member.id },
      coordinator,
    );
    expect(team.errors).toBeUndefined();
    expect(team.data.division.inspectors.edges[0].node.assignments.map((row: any) => row.uscc)).toContain(assignment.uscc);
  });
});
