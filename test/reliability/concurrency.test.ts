/**
 * Concurrency: many identical calls at once, different tasks at once, and two
 * joint replicas sharing one PostgreSQL database. Whatever the interleaving, a
 * task is drawn once, published once, a result is stored once, and publication
 * numbers stay unique and without gaps.
 */
import { createGateway, type Gateway } from '../../gateway/src/app';
import { defaultSupergraphPath } from '../../gateway/src/config';
import { createLogger } from '../../common/logger';
import { createJointService, type JointService } from '../../subgraphs/joint/src/app';
import { Assignment } from '../../subgraphs/joint/src/assignments/assignment.entity';
import { ComplaintRow } from '../../subgraphs/joint/src/credit/credit.entities';
import { DrawRow } from '../../subgraphs/joint/src/draw/draw.entity';
import { Publication } from '../../subgraphs/joint/src/publication/publication.entity';
import { PublishedResult } from '../../subgraphs/joint/src/publication/published-result.entity';
import { InspectionResultRow } from '../../subgraphs/joint/src/results/inspection-result.entity';
import { DATABASE_KINDS } from '../support/database';
import { postGraphQL, TEST_CONTEXT_SECRET, type GraphQLResult } from '../support/graphql';
import { startTestSystem, type TestSystem } from '../support/system';
import { TEST_AUTH_SECRET, tokens } from '../support/tokens';
import { approveResults, committedTask, DRAW, TODAY } from '../joint/helpers';

jest.setTimeout(180_000);

const PUBLISH = `mutation($id: ID!) { publishInspectionTask(id: $id) { id number leadDivision year resultCount } }`;
const RECORD_RESULT = `mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!) { recordResult(assignment: $a, item: $item, input: $input) { outcome findings recordedBy { id } } }`;
const PARALLEL = 50;

type Send = (query: string, variables: Record<string, unknown>, token?: string) => Promise<GraphQLResult>;

interface Drawn {
  id: string;
  assignments: Array<{ id: string; items: Array<{ division: string; code: string }>; inspectors: Array<{ division: string; id: string }> }>;
}

/** The error codes of every answer that failed (an empty list when all succeeded). */
function failures(answers: GraphQLResult[]): string[] {
  return answers
    .filter((answer) => answer.errors?.length)
    .map((answer) => answer.errors!.map((error) => `${error.extensions?.code}: ${error.message}`).join('; '));
}

function ok(result: GraphQLResult, what: string): any {
  if (result.errors?.length || !result.data) throw new Error(`${what} failed: ${JSON.stringify(result.body)}`);
  return result.data;
}

async function drawTask(system: TestSystem, id: string): Promise<Drawn> {
  const coordinator = await tokens.coordinator();
  ok(await system.query(DRAW, { id, beacon: 'concurrency 1 2 3' }, coordinator), 'drawInspectionTask');
  const list = ok(
    await system.query(
      `query($id: ID!) { inspectionTask(id: $id) { assignments(first: 500) { edges { node { id items { division code } inspectors { division id } } } } } }`,
      { id },
      coordinator,
    ),
    'assignments',
  );
  return { id, assignments: list.inspectionTask.assignments.edges.map(({ node }: any) => node) };
}

/** Records every result of a drawn task, each by a team member of the item's division; returns how many. */
async function recordAll(system: TestSystem, task: Drawn): Promise<number> {
  let count = 0;
  for (const assignment of task.assignments) {
    for (const item of assignment.items) {
      const member = assignment.inspectors.find((inspector) => inspector.division === item.division)!;
      const input = { outcome: 'NO_ISSUES_FOUND', method: '实地检查', inspectedOn: TODAY, findings: '未发现问题' };
      ok(await system.query(RECORD_RESULT, { a: assignment.id, item, input }, await tokens.inspector(member.division, member.id)), 'recordResult');
      count += 1;
    }
  }
  return count;
}

/** A drawn task with every result recorded and approved by a reviewer: ready to publish. */
async function completeTask(system: TestSystem, overrides: Record<string, unknown>): Promise<{ task: Drawn; results: number }> {
  const task = await drawTask(system, await committedTask(system, overrides));
  const results = await recordAll(system, task);
  await approveResults(system, task.id);
  return { task, results };
}

/** Entries of `action` done on `subject`: the losers of a race are refused, and their attempts, recorded as refusals, are not counted. */
async function auditEntries(send: Send, action: string, subject: string): Promise<number> {
  return ok(
    await send(
      `query($a: String!, $s: String!) { auditTrail(action: $a, subject: $s, refused: false) { totalCount } }`,
      { a: action, s: subject },
      await tokens.supervisor(),
    ),
    'auditTrail',
  ).auditTrail.totalCount;
}

async function expectAuditChainIntact(send: Send): Promise<void> {
  const result = await send(`{ auditChain { ok firstBrokenAt } }`, {}, await tokens.supervisor());
  expect(result.errors).toBeUndefined();
  expect(result.data.auditChain).toEqual({ ok: true, firstBrokenAt: null });
}

/** Publication numbers are 1..n for every lead division and year, and every id is used once. */
async function expectGapFreeNumbers(joint: { orm: JointService['orm'] }): Promise<void> {
  const publications = await joint.orm.em.fork().find(Publication, {}, { orderBy: { number: 'asc' } });
  expect(new Set(publications.map((publication) => publication.id)).size).toBe(publications.length);
  const byLead = new Map<string, number[]>();
  for (const publication of publications) {
    const key = `${publication.leadDivision}:${publication.year}`;
    byLead.set(key, [...(byLead.get(key) ?? []), publication.number]);
  }
  for (const [key, numbers] of byLead) expect({ key, numbers }).toEqual({ key, numbers: numbers.map((_, index) => index + 1) });
}

/** Every task once drawn: DRAWN, one stored draw, and its assignments. */
async function expectDrawnOnce(system: { joint: { orm: JointService['orm'] } }, send: Send, id: string): Promise<void> {
  const em = system.joint.orm.em.fork();
  expect({ id, draws: await em.count(DrawRow, { task: id }) }).toEqual({ id, draws: 1 });
  const row = await em.findOneOrFail(DrawRow, { task: id });
  expect(await em.count(Assignment, { task: id })).toBe(row.selectedCount);
  expect(await auditEntries(send, 'drawInspectionTask', `task:${id}`)).toBe(1);
  const state = ok(
    await send(`query($id: ID!) { inspectionTask(id: $id) { status draw { verification { ok } } } }`, { id }, await tokens.coordinator()),
    'inspectionTask',
  );
  expect(state.inspectionTask).toEqual({ status: 'DRAWN', draw: { verification: { ok: true } } });
}

async function expectPublishedOnce(system: { joint: { orm: JointService['orm'] } }, send: Send, id: string, results: number): Promise<void> {
  const em = system.joint.orm.em.fork();
  expect({ id, publications: await em.count(Publication, { task: id }) }).toEqual({ id, publications: 1 });
  const publication = await em.findOneOrFail(Publication, { task: id });
  expect(await em.count(PublishedResult, { publication: publication.id })).toBe(results);
  expect(await auditEntries(send, 'publishInspectionTask', `task:${id}`)).toBe(1);
}

/** Calls in a shuffled order so no interleaving is favoured. */
function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe.each(DATABASE_KINDS)('on %s', (database) => {
  let system: TestSystem;
  let send: Send;

  beforeAll(async () => {
    system = await startTestSystem({ divisions: ['ZA', 'WA', 'CRJ'], seed: 'demo', database });
    send = (query, variables, token) => system.query(query, variables, token);
  });

  afterAll(() => system?.stop());

  it(`${PARALLEL} parallel draws of one task store exactly one draw, and every caller gets it`, async () => {
    const id = await committedTask(system, { name: '并发抽取（50路）', items: [{ division: 'ZA', code: 'ZA-004' }], ratioBp: 2000, highRiskRatioBp: 2000 });
    const coordinator = await tokens.coordinator();
    const answers = await Promise.all(Array.from({ length: PARALLEL }, () => system.query(DRAW, { id, beacon: 'same 4 5 6' }, coordinator)));
    expect(failures(answers)).toEqual([]);
    expect(new Set(answers.map((answer) => answer.data.drawInspectionTask.draw.seed)).size).toBe(1);
    await expectDrawnOnce(system, send, id);
  });

  it(`${PARALLEL} parallel publications of one complete task make exactly one publication`, async () => {
    const { task, results } = await completeTask(system, {
      name: '并发公示（50路）',
      items: [{ division: 'ZA', code: 'ZA-006' }],
      ratioBp: 1000,
      highRiskRatioBp: 1000,
    });
    const coordinator = await tokens.coordinator();
    const answers = await Promise.all(Array.from({ length: PARALLEL }, () => system.query(PUBLISH, { id: task.id }, coordinator)));
    expect(failures(answers)).toEqual([]);
    expect(new Set(answers.map((answer) => answer.data.publishInspectionTask.id)).size).toBe(1);
    expect(answers[0]!.data.publishInspectionTask.resultCount).toBe(results);
    await expectPublishedOnce(system, send, task.id, results);
    await expectGapFreeNumbers(system.joint);
  });

  it(`${PARALLEL} parallel recordings of one result by the team member store exactly one row, without any error`, async () => {
    const task = await drawTask(
      system,
      await committedTask(system, { name: '并发录入（50路）', items: [{ division: 'ZA', code: 'ZA-010' }], ratioBp: 1000, highRiskRatioBp: 1000 }),
    );
    const assignment = task.assignments[0]!;
    const item = assignment.items[0]!;
    const member = assignment.inspectors.find((inspector) => inspector.division === item.division)!;
    const token = await tokens.inspector(member.division, member.id);
    const input = { outcome: 'NO_ISSUES_FOUND', method: '实地检查', inspectedOn: TODAY, findings: '住宿登记规范' };
    const answers = await Promise.all(Array.from({ length: PARALLEL }, () => system.query(RECORD_RESULT, { a: assignment.id, item, input }, token)));
    expect(failures(answers)).toEqual([]);
    for (const answer of answers)
      expect(answer.data.recordResult).toEqual({ outcome: 'NO_ISSUES_FOUND', findings: '住宿登记规范', recordedBy: { id: member.id } });
    const em = system.joint.orm.em.fork();
    expect(await em.count(InspectionResultRow, { assignment: assignment.id, itemDivision: item.division, itemCode: item.code })).toBe(1);
    expect(await auditEntries(send, 'recordResult', `assignment:${assignment.id}:${item.division}:${item.code}`)).toBe(1);
    await expectAuditChainIntact(send);
  });

  it('draws and publications of different tasks at once: each task once, publication numbers unique and gap-free per lead division and year', async () => {
    const toDraw = [
      await committedTask(system, { name: '并发-保安服务公司', items: [{ division: 'ZA', code: 'ZA-005' }], ratioBp: 1000, highRiskRatioBp: 1000 }),
      await committedTask(system, { name: '并发-机动车修理', items: [{ division: 'ZA', code: 'ZA-009' }], ratioBp: 500, highRiskRatioBp: 500 }),
      await committedTask(system, { name: '并发-网络运营者', items: [{ division: 'WA', code: 'WA-002' }], ratioBp: 500, highRiskRatioBp: 500 }),
      await committedTask(system, {
        name: '并发-旅馆联合',
        leadDivision: 'CRJ',
        items: [
          { division: 'CRJ', code: 'CRJ-001' },
          { division: 'ZA', code: 'ZA-001' },
        ],
        ratioBp: 100,
        highRiskRatioBp: 100,
      }),
    ];
    const toPublish = [
      await completeTask(system, { name: '并发公示-典当一', items: [{ division: 'ZA', code: 'ZA-003' }], ratioBp: 500, highRiskRatioBp: 500 }),
      await completeTask(system, { name: '并发公示-典当二', items: [{ division: 'ZA', code: 'ZA-003' }], ratioBp: 500, highRiskRatioBp: 500 }),
      await completeTask(system, { name: '并发公示-典当三', items: [{ division: 'ZA', code: 'ZA-003' }], ratioBp: 500, highRiskRatioBp: 500 }),
      await completeTask(system, { name: '并发公示-网吧一', items: [{ division: 'WA', code: 'WA-001' }], ratioBp: 100, highRiskRatioBp: 100 }),
      await completeTask(system, { name: '并发公示-网吧二', items: [{ division: 'WA', code: 'WA-001' }], ratioBp: 100, highRiskRatioBp: 100 }),
      await completeTask(system, { name: '并发公示-爆炸物品', items: [{ division: 'ZA', code: 'ZA-007' }], ratioBp: 1000, highRiskRatioBp: 1000 }),
    ];
    const coordinator = await tokens.coordinator();
    const calls = shuffled([
      ...toDraw.flatMap((id) => Array.from({ length: 3 }, () => () => system.query(DRAW, { id, beacon: 'mixed 7 8 9' }, coordinator))),
      ...toPublish.flatMap(({ task }) => Array.from({ length: 3 }, () => () => system.query(PUBLISH, { id: task.id }, coordinator))),
    ]);
    const answers = await Promise.all(calls.map((call) => call()));
    expect(failures(answers)).toEqual([]);

    for (const id of toDraw) await expectDrawnOnce(system, send, id);
    for (const { task, results } of toPublish) await expectPublishedOnce(system, send, task.id, results);
    await expectGapFreeNumbers(system.joint);
    await expectAuditChainIntact(send);
  });

  it('RANDOM tasks of one year drawn at once never select the same entity (rule 3: once a year)', async () => {
    const tasks: string[] = [];
    for (let round = 1; round <= 4; round++) {
      tasks.push(
        await committedTask(system, { name: `并发-一年一次-${round}`, items: [{ division: 'ZA', code: 'ZA-001' }], ratioBp: 1500, highRiskRatioBp: 1500 }),
      );
    }
    const coordinator = await tokens.coordinator();
    const answers = await Promise.all(shuffled(tasks).map((id) => system.query(DRAW, { id, beacon: 'once-a-year 3 3 3' }, coordinator)));
    expect(failures(answers)).toEqual([]);

    const em = system.joint.orm.em.fork();
    const complained = new Set((await em.find(ComplaintRow, { open: true })).map((row) => row.uscc));
    const drawnBy = new Map<string, string>();
    const twice: string[] = [];
    for (const id of tasks) {
      await expectDrawnOnce(system, send, id);
      for (const assignment of await em.find(Assignment, { task: id })) {
        if (complained.has(assignment.uscc)) continue;
        if (drawnBy.has(assignment.uscc)) twice.push(`${assignment.uscc}: ${drawnBy.get(assignment.uscc)} and ${id}`);
        drawnBy.set(assignment.uscc, id);
      }
    }
    expect(twice).toEqual([]);
    expect(drawnBy.size).toBeGreaterThanOrEqual(8);
    await expectAuditChainIntact(send);
  });
});

describe('two joint replicas sharing one PostgreSQL database', () => {
  let system: TestSystem;
  let replica: JointService;
  let secondGateway: Gateway;
  let viaFirst: Send;
  let viaSecond: Send;
  /** Half of the calls through each replica, alternating. */
  const viaEither = (index: number): Send => (index % 2 === 0 ? viaFirst : viaSecond);

  beforeAll(async () => {
    system = await startTestSystem({ divisions: ['ZA', 'WA'], seed: 'demo', database: 'postgresql' });
    const divisions = [...system.divisions.entries()].map(([code, service]) => ({ code, url: service.url }));
    replica = await createJointService({
      port: 0,
      host: '127.0.0.1',
      database: system.jointLocation,
      contextSecret: TEST_CONTEXT_SECRET,
      divisions,
      logger: createLogger('joint-replica', process.env.TEST_LOG_LEVEL ?? 'silent'),
    });
    secondGateway = await createGateway(
      {
        port: 0,
        host: '127.0.0.1',
        supergraphPath: defaultSupergraphPath(),
        divisions,
        subgraphUrls: { joint: replica.url, lodging: system.lodging.url },
        auth: { secret: TEST_AUTH_SECRET },
        contextSecret: TEST_CONTEXT_SECRET,
        production: false,
      },
      createLogger('gateway-2', process.env.TEST_LOG_LEVEL ?? 'silent'),
    );
    viaFirst = (query, variables, token) => system.query(query, variables, token);
    viaSecond = (query, variables, token) => postGraphQL(secondGateway.url, query, variables, token ? { authorization: `Bearer ${token}` } : {});
  });

  afterAll(async () => {
    await secondGateway?.stop();
    await replica?.stop();
    await system?.stop();
  });

  it('the second replica answers from the same database', async () => {
    const id = await committedTask(system, { name: '双副本可见性', items: [{ division: 'ZA', code: 'ZA-011' }], ratioBp: 500, highRiskRatioBp: 500 });
    const seen = await viaSecond(`query($id: ID!) { inspectionTask(id: $id) { id status } }`, { id }, await tokens.coordinator());
    expect(seen.data.inspectionTask).toEqual({ id, status: 'COMMITTED' });
  });

  it(`${PARALLEL} draws split over both replicas store one draw`, async () => {
    const id = await committedTask(system, { name: '双副本并发抽取', items: [{ division: 'ZA', code: 'ZA-004' }], ratioBp: 2000, highRiskRatioBp: 2000 });
    const coordinator = await tokens.coordinator();
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, index) => viaEither(index)(DRAW, { id, beacon: 'two-replicas 5 5 5' }, coordinator)),
    );
    expect(failures(answers)).toEqual([]);
    expect(new Set(answers.map((answer) => answer.data.drawInspectionTask.draw.seed)).size).toBe(1);
    await expectDrawnOnce(system, viaSecond, id);
  });

  it(`${PARALLEL} recordings of one result split over both replicas store one row`, async () => {
    const task = await drawTask(
      system,
      await committedTask(system, { name: '双副本并发录入', items: [{ division: 'ZA', code: 'ZA-010' }], ratioBp: 1000, highRiskRatioBp: 1000 }),
    );
    const assignment = task.assignments[0]!;
    const item = assignment.items[0]!;
    const member = assignment.inspectors.find((inspector) => inspector.division === item.division)!;
    const token = await tokens.inspector(member.division, member.id);
    const input = { outcome: 'NO_ISSUES_FOUND', method: '实地检查', inspectedOn: TODAY };
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, index) => viaEither(index)(RECORD_RESULT, { a: assignment.id, item, input }, token)),
    );
    expect(failures(answers)).toEqual([]);
    expect(await system.joint.orm.em.fork().count(InspectionResultRow, { assignment: assignment.id, itemDivision: item.division, itemCode: item.code })).toBe(
      1,
    );
    expect(await auditEntries(viaFirst, 'recordResult', `assignment:${assignment.id}:${item.division}:${item.code}`)).toBe(1);
  });

  it(`${PARALLEL} publications split over both replicas make one publication, and the audit chain verifies`, async () => {
    const { task, results } = await completeTask(system, {
      name: '双副本并发公示',
      items: [{ division: 'ZA', code: 'ZA-006' }],
      ratioBp: 1000,
      highRiskRatioBp: 1000,
    });
    const coordinator = await tokens.coordinator();
    const answers = await Promise.all(Array.from({ length: PARALLEL }, (_, index) => viaEither(index)(PUBLISH, { id: task.id }, coordinator)));
    expect(failures(answers)).toEqual([]);
    expect(new Set(answers.map((answer) => answer.data.publishInspectionTask.id)).size).toBe(1);
    await expectPublishedOnce(system, viaFirst, task.id, results);
    await expectAuditChainIntact(viaFirst);
    await expectAuditChainIntact(viaSecond);
  });

  it('publications of different tasks on both replicas at once get unique, gap-free numbers', async () => {
    const complete = [];
    for (const [index, code] of ['ZA-003', 'ZA-003', 'ZA-007', 'ZA-008'].entries()) {
      complete.push(await completeTask(system, { name: `双副本编号 ${index + 1}`, items: [{ division: 'ZA', code }], ratioBp: 200, highRiskRatioBp: 200 }));
    }
    complete.push(await completeTask(system, { name: '双副本编号 网安', items: [{ division: 'WA', code: 'WA-001' }], ratioBp: 100, highRiskRatioBp: 100 }));
    const coordinator = await tokens.coordinator();
    const calls = shuffled(
      complete.flatMap(({ task }) => Array.from({ length: 4 }, (_, index) => () => viaEither(index)(PUBLISH, { id: task.id }, coordinator))),
    );
    const answers = await Promise.all(calls.map((call) => call()));
    expect(failures(answers)).toEqual([]);
    for (const { task, results } of complete) await expectPublishedOnce(system, viaSecond, task.id, results);
    await expectGapFreeNumbers(system.joint);
    await expectAuditChainIntact(viaFirst);
  });
});
