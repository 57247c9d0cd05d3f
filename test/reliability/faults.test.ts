/**
 * Faults with every service in its own operating-system process, as
 * docker-compose runs them: a division instance that dies, the joint
 * subgraph killed in the middle of a draw or a publication, and SIGTERM
 * draining requests that are already running.
 */
import { shanghaiDate } from '../../common/dates';
import { postGraphQL, TEST_CONTEXT_SECRET, type GraphQLResult } from '../support/graphql';
import { approveResults, taskInput } from '../joint/helpers';
import { tempDir } from '../support/temp';
import { TEST_AUTH_SECRET, tokens } from '../support/tokens';
import {
  counterValue,
  deadline,
  freePort,
  killAll,
  killHard,
  MAIN,
  serviceEnv,
  sleep,
  startProcess,
  waitForStatus,
  type Exit,
  type ServiceProcess,
} from './processes';

jest.setTimeout(180_000);

const TODAY = shanghaiDate();
const YEAR = Number(TODAY.slice(0, 4));
const DIVISIONS = ['ZA', 'WA'] as const;
type Code = (typeof DIVISIONS)[number];

interface Topology {
  ports: Record<Code | 'joint' | 'lodging' | 'gateway', number>;
  dataDirs: Record<Code | 'joint' | 'lodging', string>;
}

let topology: Topology;
const services: { divisions: Partial<Record<Code, ServiceProcess>>; joint?: ServiceProcess; gateway?: ServiceProcess } = { divisions: {} };
let coordinator: string;
let supervisor: string;

const url = (port: number, path = '/graphql') => `http://127.0.0.1:${port}${path}`;
const divisionsVariable = () => DIVISIONS.map((code) => `${code}=${url(topology.ports[code])}`).join(',');

async function startDivision(code: Code): Promise<ServiceProcess> {
  const service = startProcess(
    `division:${code}`,
    MAIN.division,
    serviceEnv({
      DIVISION: code,
      PORT: String(topology.ports[code]),
      DATA_DIR: topology.dataDirs[code],
      SEED: 'demo',
      CONTEXT_SECRET: TEST_CONTEXT_SECRET,
      LOG_LEVEL: 'warn',
    }),
  );
  services.divisions[code] = service;
  await waitForStatus(url(topology.ports[code], '/health'), service);
  return service;
}

async function startJoint(): Promise<ServiceProcess> {
  const service = startProcess(
    'joint',
    MAIN.joint,
    serviceEnv({
      DIVISIONS: divisionsVariable(),
      PORT: String(topology.ports.joint),
      DATA_DIR: topology.dataDirs.joint,
      CONTEXT_SECRET: TEST_CONTEXT_SECRET,
      LOG_LEVEL: 'warn',
    }),
  );
  services.joint = service;
  await waitForStatus(url(topology.ports.joint, '/health'), service);
  return service;
}

/** 治安's guest-registration system: the committed supergraph's extension subgraph, so the gateway is ready only with it. */
async function startLodging(): Promise<ServiceProcess> {
  const service = startProcess(
    'lodging',
    MAIN.lodging,
    serviceEnv({ PORT: String(topology.ports.lodging), DATA_DIR: topology.dataDirs.lodging, CONTEXT_SECRET: TEST_CONTEXT_SECRET, LOG_LEVEL: 'warn' }),
  );
  await waitForStatus(url(topology.ports.lodging, '/health'), service);
  return service;
}

async function startGateway(): Promise<ServiceProcess> {
  const service = startProcess(
    'gateway',
    MAIN.gateway,
    serviceEnv({
      DIVISIONS: divisionsVariable(),
      JOINT_URL: url(topology.ports.joint),
      SUBGRAPH_URLS: `lodging=${url(topology.ports.lodging)}`,
      PORT: String(topology.ports.gateway),
      AUTH_SECRET: TEST_AUTH_SECRET,
      CONTEXT_SECRET: TEST_CONTEXT_SECRET,
      LOG_LEVEL: 'warn',
    }),
  );
  services.gateway = service;
  await waitForStatus(url(topology.ports.gateway, '/health'), service);
  await waitForStatus(url(topology.ports.gateway, '/ready'), service);
  return service;
}

function query<T = any>(text: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResult<T>> {
  return postGraphQL(url(topology.ports.gateway), text, variables, token ? { authorization: `Bearer ${token}` } : {});
}

const codes = (result: GraphQLResult) => (result.errors ?? []).map((error) => error.extensions?.code);

function ok<T>(result: GraphQLResult<T>, what: string): T {
  if (result.errors?.length || !result.data) throw new Error(`${what} failed: HTTP ${result.status} ${JSON.stringify(result.body)}`);
  return result.data;
}

const TASK = `id status seedCommitment draw { selectedCount poolSize verification { ok problems } } publication { id resultCount } assignments(first: 500) { totalCount edges { node { id uscc items { division code } inspectors { division id } } } }`;

async function createCommitted(overrides: Record<string, unknown>): Promise<string> {
  const input = taskInput({
    name: `${YEAR}年度故障演练抽查`,
    items: [
      { division: 'ZA', code: 'ZA-001' },
      { division: 'WA', code: 'WA-003' },
    ],
    ratioBp: 100,
    highRiskRatioBp: 100,
    ...overrides,
  });
  const created = ok(
    await query(`mutation($input: InspectionTaskInput!) { createInspectionTask(input: $input) { id } }`, { input }, coordinator),
    'createInspectionTask',
  );
  const id = created.createInspectionTask.id as string;
  ok(await query(`mutation($id: ID!) { commitInspectionTask(id: $id) { id status } }`, { id }, coordinator), 'commitInspectionTask');
  return id;
}

async function task(id: string): Promise<any> {
  return ok(await query(`query($id: ID!) { inspectionTask(id: $id) { ${TASK} } }`, { id }, coordinator), 'inspectionTask').inspectionTask;
}

/** Cancels a task to free its entries; after the draw that takes a supervisor's approval of the coordinator's request. */
async function cancel(id: string): Promise<void> {
  const requested = ok(
    await query(`mutation($id: ID!) { cancelInspectionTask(id: $id, reason: "故障演练结束，撤销以释放名录") { status } }`, { id }, coordinator),
    'cancelInspectionTask',
  );
  if (requested.cancelInspectionTask.status !== 'CANCELLATION_REQUESTED') return;
  ok(await query(`mutation($id: ID!) { approveCancellation(id: $id, note: "演练，同意撤销") { status } }`, { id }, supervisor), 'approveCancellation');
}

/** How many audit entries of the joint office record `action` done on `task:<id>` (refused attempts have entries of their own, not counted). */
async function auditEntries(action: string, id: string): Promise<number> {
  const result = ok(
    await query(
      `query($a: String!, $s: String!) { auditTrail(action: $a, subject: $s, refused: false) { totalCount } }`,
      { a: action, s: `task:${id}` },
      supervisor,
    ),
    'auditTrail',
  );
  return result.auditTrail.totalCount;
}

/** Both kinds of audit chain — the joint office's and every division's — verify, read as a supervisor. */
async function expectAuditChainsIntact(): Promise<void> {
  const result = await query(
    `{ auditChain { ok length firstBrokenAt } za: division(code: "ZA") { auditChain { ok length } } wa: division(code: "WA") { auditChain { ok length } } }`,
    {},
    supervisor,
  );
  expect(result.errors).toBeUndefined();
  expect(result.data.auditChain).toMatchObject({ ok: true, firstBrokenAt: null });
  expect(result.data.za.auditChain.ok).toBe(true);
  expect(result.data.wa.auditChain.ok).toBe(true);
}

async function divisionCounter(code: Code, operation: string): Promise<number> {
  const response = await fetch(url(topology.ports[code], '/metrics'));
  return counterValue(await response.text(), 'ssj_graphql_requests_total', { operation });
}

/** Waits until division `code` has answered `count` more `operation` requests than `before`. */
async function waitForCounter(code: Code, operation: string, before: number, count = 1, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await divisionCounter(code, operation)) >= before + count) return;
    await sleep(2);
  }
  throw new Error(`division ${code} did not answer ${count} ${operation} request(s) within ${timeoutMs} ms`);
}

/** How the process ended, or `still running` when it has not within `ms` (the process is left as it is). */
async function exitWithin(service: ServiceProcess, ms: number): Promise<Exit | 'still running'> {
  return Promise.race([service.exited, deadline(ms, 'still running' as const)]);
}

/** Restarts the joint process on the same port and DATA_DIR, and waits until the gateway reaches it again. */
async function restartJoint(): Promise<void> {
  await startJoint();
  const until = Date.now() + 30_000;
  for (;;) {
    const probe = await query(`{ auditChain { ok } }`, {}, supervisor);
    if (!probe.errors) return;
    if (Date.now() > until) throw new Error(`the gateway does not reach the restarted joint process: ${JSON.stringify(probe.body)}`);
    await sleep(100);
  }
}

/** Records a result for every item of every assignment, each by a team member of the item's division. */
async function recordAll(id: string): Promise<number> {
  const current = await task(id);
  let count = 0;
  for (const { node } of current.assignments.edges) {
    for (const item of node.items) {
      const member = node.inspectors.find((inspector: any) => inspector.division === item.division);
      const token = await tokens.inspector(member.division, member.id);
      const saved = await query(
        `mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!) { recordResult(assignment: $a, item: $item, input: $input) { outcome } }`,
        {
          a: node.id,
          item: { division: item.division, code: item.code },
          input: { outcome: 'NO_ISSUES_FOUND', method: '实地检查', inspectedOn: TODAY, findings: '未发现问题' },
        },
        token,
      );
      ok(saved, 'recordResult');
      count += 1;
    }
  }
  return count;
}

beforeAll(async () => {
  const [za, wa, joint, lodging, gateway] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  topology = {
    ports: { ZA: za, WA: wa, joint, lodging, gateway },
    dataDirs: { ZA: tempDir('ssj-fault-za-'), WA: tempDir('ssj-fault-wa-'), joint: tempDir('ssj-fault-joint-'), lodging: tempDir('ssj-fault-lodging-') },
  };
  coordinator = await tokens.coordinator();
  supervisor = await tokens.supervisor();
  try {
    await Promise.all(DIVISIONS.map((code) => startDivision(code)));
    await startJoint();
    await startLodging();
    await startGateway();
  } catch (error) {
    await killAll();
    throw error;
  }
});

afterAll(async () => {
  await killAll();
});

describe('a division instance killed with SIGKILL', () => {
  it('affects only its own part, fails a draw that needs it without storing anything, and serves again after a restart without restarting the gateway', async () => {
    const id = await createCommitted({ name: '旅馆业联合抽查（网安实例故障）' });
    const lengthBefore = ok(await query(`{ auditChain { length } }`, {}, supervisor), 'auditChain').auditChain.length;

    await killHard(services.divisions.WA);

    const during = await query(`{ za: division(code: "ZA") { code name } wa: division(code: "WA") { code name } all: divisions { code } }`, {}, coordinator);
    expect(during.status).toBe(200);
    expect(during.data.za).toEqual({ code: 'ZA', name: '治安管理支队' });
    expect(during.data.wa).toBeNull();
    expect(during.data.all.map((division: { code: string }) => division.code)).toEqual(['ZA']);
    const unavailable = (during.errors ?? []).filter((error) => error.extensions?.code === 'DIVISION_UNAVAILABLE');
    expect(unavailable.length).toBeGreaterThanOrEqual(1);
    expect(unavailable.every((error) => error.extensions?.division === 'WA')).toBe(true);
    expect(codes(during).every((code) => code === 'DIVISION_UNAVAILABLE')).toBe(true);

    // Entity references into the dead instance become null; the joint office's own data stays whole.
    const references = await query(
      `query($id: ID!) { inspectionTask(id: $id) { id status divisions { code name } items { division code name } } }`,
      { id },
      coordinator,
    );
    expect(references.data.inspectionTask).toMatchObject({ id, status: 'COMMITTED' });
    expect(references.data.inspectionTask.divisions).toEqual(expect.arrayContaining([{ code: 'ZA', name: '治安管理支队' }, null]));
    expect(references.data.inspectionTask.items).toEqual(expect.arrayContaining([expect.objectContaining({ division: 'ZA', code: 'ZA-001' }), null]));
    expect(codes(references).length).toBeGreaterThan(0);
    expect((references.errors ?? []).every((error) => error.extensions?.code === 'DIVISION_UNAVAILABLE' && error.extensions?.division === 'WA')).toBe(true);

    const draw = await query(`mutation($id: ID!) { drawInspectionTask(id: $id, beacon: "fault-drill 1 2 3") { id status } }`, { id }, coordinator);
    expect(codes(draw)).toEqual(['DIVISION_UNAVAILABLE']);
    expect(draw.errors![0]!.extensions!.division).toBe('WA');
    const after = await task(id);
    expect(after).toMatchObject({ status: 'COMMITTED', draw: null, publication: null });
    expect(after.assignments.totalCount).toBe(0);
    expect(ok(await query(`{ auditChain { length } }`, {}, supervisor), 'auditChain').auditChain.length).toBe(lengthBefore);
    expect(await auditEntries('drawInspectionTask', id)).toBe(0);

    const notReady = await fetch(url(topology.ports.gateway, '/ready'));
    expect(notReady.status).toBe(503);
    expect(((await notReady.json()) as any).subgraphs['division:WA']).toMatchObject({ ok: false });

    await startDivision('WA');

    const again = await query(`{ za: division(code: "ZA") { name } wa: division(code: "WA") { code name } all: divisions { code } }`, {}, coordinator);
    expect(again.errors).toBeUndefined();
    expect(again.data.wa).toEqual({ code: 'WA', name: '网络安全保卫支队' });
    expect(again.data.all.map((division: { code: string }) => division.code)).toEqual(['ZA', 'WA']);
    const ready = await fetch(url(topology.ports.gateway, '/ready'));
    expect(ready.status).toBe(200);

    const drawnNow = await query(
      `mutation($id: ID!) { drawInspectionTask(id: $id, beacon: "fault-drill 1 2 3") { id status draw { verification { ok } } } }`,
      { id },
      coordinator,
    );
    expect(drawnNow.errors).toBeUndefined();
    expect(drawnNow.data.drawInspectionTask).toMatchObject({ status: 'DRAWN', draw: { verification: { ok: true } } });
    await expectAuditChainsIntact();
    await cancel(id);
  });
});

describe('the joint process killed with SIGKILL', () => {
  /**
   * When the kill lands: after the joint process has read a division's pool
   * (it is then computing or storing the draw), plus a delay; or a delay after
   * the request was sent (it may not have arrived yet).
   */
  const drawKills: Array<{ after: 'pool read' | 'request sent'; ms: number }> = [
    { after: 'pool read', ms: 0 },
    { after: 'pool read', ms: 15 },
    { after: 'pool read', ms: 60 },
    { after: 'pool read', ms: 150 },
    { after: 'pool read', ms: 180 },
    { after: 'pool read', ms: 210 },
    { after: 'pool read', ms: 250 },
    { after: 'pool read', ms: 400 },
    { after: 'pool read', ms: 1500 },
    { after: 'request sent', ms: 3 },
    { after: 'request sent', ms: 3000 },
  ];

  it.each(drawKills)(
    'during a draw (killed $ms ms after the $after) leaves the task fully drawn or untouched, and every audit chain intact',
    async ({ after, ms }) => {
      const id = await createCommitted({ name: `旅馆业全量联合抽查（进程中断 ${after} +${ms}ms）`, ratioBp: 10000, highRiskRatioBp: 10000 });
      const poolsBefore = await divisionCounter('ZA', 'Pool');

      const request = query(`mutation($id: ID!) { drawInspectionTask(id: $id, beacon: "crash-drill 4 5 6") { id status } }`, { id }, coordinator).catch(
        (error: unknown) => error,
      );
      if (after === 'pool read') await waitForCounter('ZA', 'Pool', poolsBefore);
      await sleep(ms);
      await killHard(services.joint);
      await request;

      await restartJoint();
      const state = await task(id);
      if (state.status === 'DRAWN') {
        expect(state.draw).not.toBeNull();
        expect(state.draw.verification).toEqual({ ok: true, problems: [] });
        expect(state.draw.selectedCount).toBe(state.draw.poolSize);
        expect(state.assignments.totalCount).toBe(state.draw.selectedCount);
        expect(await auditEntries('drawInspectionTask', id)).toBe(1);
      } else {
        expect(state).toMatchObject({ status: 'COMMITTED', draw: null });
        expect(state.assignments.totalCount).toBe(0);
        expect(await auditEntries('drawInspectionTask', id)).toBe(0);
      }
      await expectAuditChainsIntact();
      if (state.status === 'DRAWN') await cancel(id);
    },
  );

  const publicationKills = [0, 10, 40, 55, 70, 85, 100, 200, 400, 1500];

  it.each(publicationKills)(
    'during a publication (killed %i ms after the request was sent) leaves the task published with every result, or drawn with none',
    async (ms) => {
      const id = await createCommitted({
        name: `典当业抽查（公示中断 +${ms}ms）`,
        items: [{ division: 'ZA', code: 'ZA-003' }],
        ratioBp: 1000,
        highRiskRatioBp: 1000,
      });
      ok(
        await query(`mutation($id: ID!) { drawInspectionTask(id: $id, beacon: "publish-drill 7 8 9") { status } }`, { id }, coordinator),
        'drawInspectionTask',
      );
      const results = await recordAll(id);
      await approveResults(query, id);
      const drawnTask = await task(id);
      const usccs: string[] = drawnTask.assignments.edges.map(({ node }: any) => node.uscc);

      const request = query(`mutation($id: ID!) { publishInspectionTask(id: $id) { id } }`, { id }, coordinator).catch((error: unknown) => error);
      await sleep(ms);
      await killHard(services.joint);
      await request;

      await restartJoint();
      const state = await task(id);
      const credit = async () => {
        const rows = await Promise.all(
          usccs.map(async (uscc) =>
            ok(
              await query(`query($u: String!) { publicResults(uscc: $u, first: 500) { totalCount } marketEntity(uscc: $u) { creditRecord { publication } } }`, {
                u: uscc,
              }),
              'public view',
            ),
          ),
        );
        return {
          published: rows.reduce((sum, row) => sum + row.publicResults.totalCount, 0),
          credit: rows.reduce((sum, row) => sum + (row.marketEntity?.creditRecord.length ?? 0), 0),
        };
      };
      if (state.status === 'PUBLISHED') {
        expect(state.publication).toMatchObject({ resultCount: results });
        const publication = ok(
          await query(`query($p: ID!) { publication(id: $p) { resultCount results { uscc } task { id } } }`, { p: state.publication.id }),
          'publication',
        ).publication;
        expect(publication.task.id).toBe(id);
        expect(publication.results).toHaveLength(results);
        expect(await credit()).toEqual({ published: results, credit: results });
        expect(await auditEntries('publishInspectionTask', id)).toBe(1);
      } else {
        expect(state).toMatchObject({ status: 'DRAWN', publication: null });
        expect(await credit()).toEqual({ published: 0, credit: 0 });
        expect(await auditEntries('publishInspectionTask', id)).toBe(0);
        // Nothing half-done blocks the retry.
        const retry = await query(`mutation($id: ID!) { publishInspectionTask(id: $id) { resultCount } }`, { id }, coordinator);
        expect(retry.errors).toBeUndefined();
        expect(retry.data.publishInspectionTask.resultCount).toBe(results);
      }
      await expectAuditChainsIntact();
    },
  );
});

describe('SIGTERM', () => {
  it('lets the joint process finish every draw it has started, then exit 0', async () => {
    const items = [
      [
        { division: 'ZA', code: 'ZA-001' },
        { division: 'WA', code: 'WA-003' },
      ],
      [{ division: 'WA', code: 'WA-001' }],
      [{ division: 'ZA', code: 'ZA-009' }],
      [{ division: 'ZA', code: 'ZA-012' }],
    ];
    const ids: string[] = [];
    for (const [index, list] of items.entries())
      ids.push(await createCommitted({ name: `停机排空演练 ${index + 1}`, items: list, ratioBp: 10000, highRiskRatioBp: 10000 }));
    const before = { ZA: await divisionCounter('ZA', 'Pool'), WA: await divisionCounter('WA', 'Pool') };

    const requests = ids.map((id) =>
      query(
        `mutation($id: ID!) { drawInspectionTask(id: $id, beacon: "drain 1 1 1") { id status draw { selectedCount verification { ok } } } }`,
        { id },
        coordinator,
      ),
    );
    // Every draw has reached the joint process once each division has served its pools.
    await waitForCounter('ZA', 'Pool', before.ZA, 3);
    await waitForCounter('WA', 'Pool', before.WA, 2);
    const joint = services.joint!;
    joint.signal('SIGTERM');

    const answers = await Promise.all(requests);
    for (const [index, answer] of answers.entries()) {
      expect({ index, status: answer.status, errors: answer.errors }).toEqual({ index, status: 200, errors: undefined });
      expect(answer.data.drawInspectionTask).toMatchObject({ id: ids[index], status: 'DRAWN', draw: { verification: { ok: true } } });
    }
    // A drained process must end by itself; one that hangs is killed so the next test has a joint office.
    const exit = await exitWithin(joint, 30_000);
    await killHard(joint);

    await restartJoint();
    for (const id of ids) {
      const state = await task(id);
      expect(state.status).toBe('DRAWN');
      expect(state.assignments.totalCount).toBe(state.draw.selectedCount);
    }
    await expectAuditChainsIntact();
    for (const id of ids) await cancel(id);
    expect(exit).toEqual({ code: 0, signal: null });
  });

  it('lets the gateway answer every request it has started, then exit 0', async () => {
    const drawIds = [
      await createCommitted({ name: '网关停机排空演练（旅馆）', ratioBp: 10000, highRiskRatioBp: 10000 }),
      await createCommitted({ name: '网关停机排空演练（网吧）', items: [{ division: 'WA', code: 'WA-001' }], ratioBp: 10000, highRiskRatioBp: 10000 }),
    ];
    // A name the system knows (metrics label unknown names `other`): the explorer's directory read.
    const before = { pools: await divisionCounter('ZA', 'Pool'), reads: await divisionCounter('ZA', 'DivisionDirectory') };
    const READS = 20;
    const draws = drawIds.map((id) =>
      query(
        `mutation DrainDraw($id: ID!) { drawInspectionTask(id: $id, beacon: "gateway-drain 2 2 2") { id status draw { verification { ok } } } }`,
        { id },
        coordinator,
      ),
    );
    const reads = Array.from({ length: READS }, () =>
      query(
        `query DivisionDirectory { division(code: "ZA") { targets(category: "旅馆", first: 500) { totalCount edges { node { uscc name inspections { id task { id status } } } } } } }`,
        {},
        coordinator,
      ),
    );
    // The gateway has received every request once ZA has answered its part of each.
    await waitForCounter('ZA', 'Pool', before.pools, 1);
    await waitForCounter('ZA', 'DivisionDirectory', before.reads, READS);
    const gateway = services.gateway!;
    gateway.signal('SIGTERM');

    const drawAnswers = await Promise.all(draws);
    for (const answer of drawAnswers) {
      expect({ status: answer.status, errors: answer.errors }).toEqual({ status: 200, errors: undefined });
      expect(answer.data.drawInspectionTask).toMatchObject({ status: 'DRAWN', draw: { verification: { ok: true } } });
    }
    const readAnswers = await Promise.all(reads);
    for (const answer of readAnswers) {
      expect({ status: answer.status, errors: answer.errors }).toEqual({ status: 200, errors: undefined });
      expect(answer.data.division.targets.edges.length).toBe(Math.min(500, answer.data.division.targets.totalCount));
    }
    const exit = await exitWithin(gateway, 30_000);
    await killHard(gateway);
    expect(exit).toEqual({ code: 0, signal: null });
  });
});
