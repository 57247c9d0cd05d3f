/**
 * What one anonymous request can make the system do with a published draw:
 * no verification work per read (verified once, stored, re-verified only by
 * a supervisor), no amplification (the cost limit knows a record is not "1",
 * answers are capped in bytes), and the record served once, as a file.
 */
import { createGateway, type Gateway } from '../../gateway/src/app';
import { defaultSupergraphPath } from '../../gateway/src/config';
import { createLogger } from '../../common/logger';
import { createJointService, type JointService } from '../../subgraphs/joint/src/app';
import { DrawRow } from '../../subgraphs/joint/src/draw/draw.entity';
import { drawn, committedTask } from '../joint/helpers';
import { publishedTask } from '../portal/fixtures';
import { postGraphQL, TEST_CONTEXT_SECRET } from '../support/graphql';
import { countStatements } from '../support/services';
import { startTestSystem, type TestSystem } from '../support/system';
import { TEST_AUTH_SECRET, tokens } from '../support/tokens';

jest.setTimeout(180_000);

let system: TestSystem;
let site: string;
let big: string;
let unpublished: string;
/** The joint subgraph started again by one test; `system.stop()` knows only the first one. */
let restarted: JointService | undefined;

const aliased = (count: number, selection: string) =>
  `query Amplified($id: ID!) { ${Array.from({ length: count }, (_, i) => `a${i}: inspectionTask(id: $id) { id draw { ${selection} } }`).join(' ')} }`;

const VERIFICATION = `query($id: ID!) { inspectionTask(id: $id) { draw { verification { ok problems pending verifiedAt } } } }`;

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA', 'CRJ'], seed: 'demo' });
  site = system.gateway.url.replace(/\/graphql$/, '');
  const items = [
    { division: 'ZA', code: 'ZA-001' },
    { division: 'WA', code: 'WA-003' },
    { division: 'CRJ', code: 'CRJ-001' },
  ];
  big = (await publishedTask(system, { name: '旅馆业联合抽查（放大请求）', items, ratioBp: 300, highRiskRatioBp: 300 }, 'amplification 4 7 1')).taskId;
  unpublished = await committedTask(system, { name: '未公示的抽取', items: [{ division: 'ZA', code: 'ZA-001' }], ratioBp: 100, highRiskRatioBp: 100 });
  await drawn(system, unpublished, 'unpublished 1 2 3');
});

afterAll(async () => {
  await system?.stop();
  await restarted?.stop();
});

async function jointStatements(work: () => Promise<unknown>): Promise<number> {
  return (await countStatements(system.joint, work)).count;
}

describe('a draw is verified once, and reads serve what is stored', () => {
  let task: string;

  beforeAll(async () => {
    task = (await publishedTask(system, { name: '核验存储测试', items: [{ division: 'ZA', code: 'ZA-001' }], ratioBp: 1, highRiskRatioBp: 1 }, 'verify 9 9 9'))
      .taskId;
  });

  it('shows the stored verification, with the time it was made', async () => {
    const result = await system.query(VERIFICATION, { id: task });
    expect(result.errors).toBeUndefined();
    const verification = result.data.inspectionTask.draw.verification;
    expect(verification).toMatchObject({ ok: true, problems: [], pending: false });
    expect(Date.parse(verification.verifiedAt)).toBeGreaterThan(0);
  });

  it('a read does not verify again: a record edited in the database still shows the stored result, until a supervisor re-verifies', async () => {
    const before = (await system.query(VERIFICATION, { id: task })).data.inspectionTask.draw.verification;
    const em = system.joint.orm.em.fork();
    const row = await em.findOneOrFail(DrawRow, { task }, { populate: ['record'] });
    const edited = JSON.parse(row.record);
    edited.assignments[0].team.reverse();
    await em.nativeUpdate(DrawRow, { task }, { record: JSON.stringify(edited) });

    const read = await system.query(VERIFICATION, { id: task });
    expect(read.data.inspectionTask.draw.verification).toEqual(before);

    for (const token of [undefined, await tokens.coordinator(), await tokens.analyst()]) {
      const refused = await system.query(`mutation($id: ID!) { verifyDraw(id: $id) { ok } }`, { id: task }, token);
      expect(refused.errors?.map((error) => error.extensions?.code)).toEqual([token ? 'FORBIDDEN' : 'UNAUTHENTICATED']);
    }
    const supervisor = await tokens.supervisor();
    const audit = async () => (await system.query(`{ auditTrail(action: "verifyDraw") { totalCount } }`, {}, supervisor)).data.auditTrail.totalCount;
    const auditBefore = await audit();
    const again = await system.query(`mutation($id: ID!) { verifyDraw(id: $id) { ok problems pending verifiedAt } }`, { id: task }, supervisor);
    expect(again.errors).toBeUndefined();
    expect(again.data.verifyDraw.ok).toBe(false);
    // SSJ-DRAW-2: the served public record no longer gives its own teams (check 9), nor is it the full record's.
    expect(again.data.verifyDraw.problems.join(' ')).toMatch(/the public record: check 9 failed/);
    expect(again.data.verifyDraw.problems).toContain('the public record as stored is not the public part of the full record');
    expect(again.data.verifyDraw.verifiedAt >= before.verifiedAt).toBe(true);
    expect(await audit()).toBe(auditBefore + 1);
    expect((await system.query(VERIFICATION, { id: task })).data.inspectionTask.draw.verification).toEqual(again.data.verifyDraw);

    const page = await fetch(`${site}/tasks/${task}/draw`);
    expect(await page.text()).toContain('系统复核发现不一致');
  });

  it('a draw stored without a verification shows it as pending, and is verified when the joint subgraph starts, not by a read', async () => {
    const other = (
      await publishedTask(system, { name: '旧版抽取', items: [{ division: 'ZA', code: 'ZA-001' }], ratioBp: 1, highRiskRatioBp: 1 }, 'older 1 1 1')
    ).taskId;
    await system.joint.orm.em.fork().nativeUpdate(DrawRow, { task: other }, { verificationOk: null, verificationProblems: null, verifiedAt: null });
    for (let read = 0; read < 3; read++) {
      const pending = await system.query(VERIFICATION, { id: other });
      expect(pending.data.inspectionTask.draw.verification).toMatchObject({ ok: false, pending: true, verifiedAt: null });
    }
    await restartJoint();
    const deadline = Date.now() + 60_000;
    let verification;
    do {
      verification = (await system.query(VERIFICATION, { id: other })).data.inspectionTask.draw.verification;
    } while (verification.pending && Date.now() < deadline && (await new Promise((resolve) => setTimeout(resolve, 100, true))));
    expect(verification).toMatchObject({ ok: true, pending: false, problems: [] });
  });
});

/** The joint subgraph again on its port and database, as after an upgrade; the gateway keeps using it. */
async function restartJoint(): Promise<JointService> {
  await system.joint.stop();
  const joint = await createJointService({
    port: system.joint.port,
    host: '127.0.0.1',
    database: system.jointLocation,
    contextSecret: TEST_CONTEXT_SECRET,
    divisions: [...system.divisions.entries()].map(([code, service]) => ({ code, url: service.url })),
    logger: createLogger('joint', process.env.TEST_LOG_LEVEL ?? 'silent'),
  });
  // Later tests count this instance's statements.
  (system as { joint: JointService }).joint = joint;
  restarted = joint;
  return joint;
}

describe('the cost limit knows what a field costs', () => {
  it.each([
    ['30 aliases of draw { record }', aliased(30, 'record')],
    ['3 aliases of draw { record }', aliased(3, 'record')],
    [
      '30 aliases of the record through a fragment',
      `query($id: ID!) { ...A } fragment A on Query { ${Array.from({ length: 30 }, (_, i) => `a${i}: inspectionTask(id: $id) { draw { ...R } }`).join(' ')} } fragment R on Draw { record }`,
    ],
    ['500 tasks with their records', `query { inspectionTasks(first: 500) { edges { node { draw { record } } } } }`],
    ['a page of 500 tasks of pages of 500 assignments', `query { inspectionTasks(first: 500) { edges { node { assignments(first: 500) { totalCount } } } } }`],
  ])('refuses %s before asking any subgraph', async (_name, query) => {
    let answer: Awaited<ReturnType<TestSystem['query']>> | undefined;
    const statements = await jointStatements(async () => {
      answer = await system.query(query, { id: big });
    });
    expect(answer!.status).toBe(400);
    expect(answer!.errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_EXPENSIVE']);
    expect(answer!.errors![0]!.extensions).toMatchObject({ maxCost: 20_000 });
    expect(answer!.errors![0]!.extensions!.cost).toBeGreaterThan(20_000);
    expect(statements).toBe(0);
  });

  it('counts a page size given as a variable', async () => {
    const query = `query($n: Int) { inspectionTasks(first: $n) { edges { node { assignments(first: $n) { edges { node { id } } } } } } }`;
    expect((await system.query(query, { n: 500 }, await tokens.coordinator())).errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_EXPENSIVE']);
    expect((await system.query(query, { n: 5 }, await tokens.coordinator())).errors).toBeUndefined();
  });

  it('answers 30 aliases of the stored verification, and two records', async () => {
    const verifications = await system.query(aliased(30, 'verification { ok }'), { id: big });
    expect(verifications.errors).toBeUndefined();
    expect(Object.values(verifications.data).map((task: any) => task.draw.verification.ok)).toEqual(Array(30).fill(true));
    const two = await system.query(aliased(2, 'record'), { id: big });
    expect(two.errors).toBeUndefined();
    expect(two.data.a0.draw.record).toBe(two.data.a1.draw.record);
  });
});

describe('answers are capped in bytes', () => {
  const tight: Gateway[] = [];

  afterAll(async () => {
    await Promise.all(tight.map((gateway) => gateway.stop()));
  });

  async function gatewayWith(limits: { maxAnswerBytes?: number; maxSubgraphAnswerBytes?: number }): Promise<Gateway> {
    const gateway = await createGateway(
      {
        port: 0,
        host: '127.0.0.1',
        supergraphPath: defaultSupergraphPath(),
        divisions: [...system.divisions.entries()].map(([code, service]) => ({ code, url: service.url })),
        subgraphUrls: { joint: system.joint.url, lodging: system.lodging.url },
        auth: { secret: TEST_AUTH_SECRET },
        contextSecret: TEST_CONTEXT_SECRET,
        production: false,
        publicRateLimit: { capacity: 100_000, refillPerSecond: 100_000 },
        limits,
      },
      createLogger('gateway', 'silent'),
    );
    tight.push(gateway);
    return gateway;
  }

  it("a subgraph's answer over the cap is not read: its fields are null with RESPONSE_TOO_LARGE", async () => {
    const record = (await system.query(aliased(1, 'record'), { id: big })).data.a0.draw.record as string;
    const gateway = await gatewayWith({ maxSubgraphAnswerBytes: Math.floor(record.length / 2) });
    const answer = await postGraphQL(gateway.url, aliased(1, 'record'), { id: big });
    expect(answer.status).toBe(200);
    expect(answer.errors?.map((error) => error.extensions?.code)).toContain('RESPONSE_TOO_LARGE');
    expect(answer.data?.a0 ?? null).toBeNull();
    expect(JSON.stringify(answer.body).length).toBeLessThan(record.length / 2);
  });

  it('a whole answer over the cap is replaced by RESPONSE_TOO_LARGE', async () => {
    const record = (await system.query(aliased(1, 'record'), { id: big })).data.a0.draw.record as string;
    const gateway = await gatewayWith({ maxAnswerBytes: Math.floor(record.length / 2) });
    const answer = await postGraphQL(gateway.url, aliased(1, 'record'), { id: big });
    expect(answer.status).toBe(200);
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['RESPONSE_TOO_LARGE']);
    expect(answer.data).toBeUndefined();
  });
});

describe('the record is served once, as a file with a stable URL', () => {
  it('recordUrl is null until the record is public', async () => {
    const result = await system.query(`query($id: ID!) { inspectionTask(id: $id) { draw { recordUrl } } }`, { id: unpublished }, await tokens.coordinator());
    expect(result.data.inspectionTask.draw.recordUrl).toBeNull();
    const download = await fetch(`${site}/tasks/${unpublished}/draw/record.json`);
    expect(download.status).toBe(403);
  });

  it('a published record downloads from recordUrl byte for byte, with an ETag, and a client holding it gets 304 without a body', async () => {
    const result = await system.query(`query($id: ID!) { inspectionTask(id: $id) { draw { recordUrl record } } }`, { id: big });
    const { recordUrl, record } = result.data.inspectionTask.draw;
    expect(recordUrl).toBe(`/tasks/${big}/draw/record.json`);
    const download = await fetch(`${site}${recordUrl}`);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe(record);
    const etag = download.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await fetch(`${site}${recordUrl}`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });
});
