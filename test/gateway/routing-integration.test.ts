/**
 * Division routing end to end: three real division instances and a joint
 * subgraph over HTTP, composed with @apollo/composition, behind a real
 * ApolloGateway on Apollo Server + express. Requests go to the gateway over
 * HTTP like a client's; what each instance received is recorded by the
 * instance itself.
 */
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSource } from '@apollo/gateway';
import { composeServices } from '@apollo/composition';
import { createDivisionRoutingDataSource } from '../../gateway/src/routing/division-data-source';
import {
  DIVISION_TYPE_DEFS,
  DivisionInstanceServer,
  JOINT_TYPE_DEFS,
  createDivisionStore,
  postGraphQL,
  startGateway,
  startJoint,
  type JointAssignment,
  type ReceivedRequest,
  type RunningServer,
} from './routing-fixtures/servers';

/** Configuration order, deliberately not alphabetical. */
const CONFIGURED = [
  { code: 'ZA', name: '治安支队' },
  { code: 'WA', name: '网安支队' },
  { code: 'JD', name: '禁毒支队' },
] as const;

/** Ten targets of three divisions, interleaved so that order restoration is visible. */
const TEN_TARGETS = [
  ['ZA', 'ZA-T1'],
  ['WA', 'WA-T1'],
  ['JD', 'JD-T1'],
  ['ZA', 'ZA-T2'],
  ['ZA', 'ZA-T3'],
  ['WA', 'WA-T2'],
  ['JD', 'JD-T2'],
  ['ZA', 'ZA-T4'],
  ['WA', 'WA-T3'],
  ['JD', 'JD-T3'],
].map(([division, uscc]) => ({ division, uscc }));

const ASSIGNMENTS: JointAssignment[] = [
  {
    id: 'A-1',
    title: '2025年第一季度双随机联合检查',
    targets: TEN_TARGETS,
    subjects: [
      { __typename: 'Target', division: 'WA', uscc: 'WA-T2' },
      { __typename: 'Inspector', division: 'ZA', id: 'ZA-I1' },
      { __typename: 'Target', division: 'JD', uscc: 'JD-T1' },
      { __typename: 'Inspector', division: 'WA', id: 'WA-I2' },
    ],
  },
  {
    id: 'A-2',
    title: '含未知部门的检查',
    targets: [
      { division: 'ZA', uscc: 'ZA-T1' },
      { division: 'XX', uscc: 'XX-T1' },
      { division: 'ZA', uscc: 'ZA-T2' },
    ],
    subjects: [],
  },
];

const TASKS = new Map([['TASK-1', ['JD', 'ZA', 'WA']]]);

const mutationJournal: string[] = [];
const jointReceived: ReceivedRequest[] = [];
/** The fetches the query planner handed to the `division` data source, before routing. */
const plannerFetches: Array<{ query?: string; variables?: Record<string, unknown>; operationName?: string }> = [];
const instances = new Map<string, DivisionInstanceServer>();
let joint: RunningServer;
let gatewayServer: RunningServer;
let gateway: ApolloGateway;

const instance = (code: string): DivisionInstanceServer => instances.get(code) as DivisionInstanceServer;
const query = (text: string, variables?: Record<string, unknown>) => postGraphQL(gatewayServer.url, text, variables);

beforeAll(async () => {
  for (const { code, name } of CONFIGURED) {
    const server = new DivisionInstanceServer(createDivisionStore(code, name, 4, 2), mutationJournal);
    await server.start();
    instances.set(code, server);
  }
  joint = await startJoint(ASSIGNMENTS, TASKS, jointReceived);

  const composition = composeServices([
    { name: 'division', url: 'http://division.invalid/graphql', typeDefs: DIVISION_TYPE_DEFS },
    { name: 'joint', url: joint.url, typeDefs: JOINT_TYPE_DEFS },
  ]);
  if (composition.errors) throw new Error(composition.errors.map((error) => error.message).join('\n'));

  gateway = new ApolloGateway({
    supergraphSdl: composition.supergraphSdl,
    buildService: ({ name, url }) => {
      if (name !== 'division') return new RemoteGraphQLDataSource({ url });
      const router = createDivisionRoutingDataSource({
        divisions: CONFIGURED.map(({ code }) => ({ code, url: instance(code).url })),
        willSendRequest: ({ request, division }) => {
          request.http?.headers.set('x-gateway-division', division);
        },
      });
      return observed(router);
    },
  });
  gatewayServer = await startGateway(gateway);
});

afterAll(async () => {
  await gatewayServer?.stop();
  await joint?.stop();
  for (const server of instances.values()) await server.stop();
});

beforeEach(() => {
  plannerFetches.length = 0;
  jointReceived.length = 0;
  mutationJournal.length = 0;
  for (const server of instances.values()) server.received.length = 0;
});

/** Records what the planner sends to the `division` subgraph, then lets the router handle it. */
function observed(router: GraphQLDataSource): GraphQLDataSource {
  return {
    process(options) {
      const { query: text, variables, operationName } = options.request;
      plannerFetches.push({ query: text, variables, operationName });
      return router.process(options);
    },
  };
}

function requestsPerDivision(): Record<string, number> {
  return Object.fromEntries(CONFIGURED.map(({ code }) => [code, instance(code).received.length]));
}

describe('division routing behind ApolloGateway', () => {
  it('reads three divisions in one operation, each instance answering only its own field', async () => {
    const result = await query(
      'query ThreeDivisions { za: division(code: "ZA") { name } wa: division(code: "WA") { name } jd: division(code: "JD") { code name } }',
    );

    expect(result.body).toEqual({
      data: { za: { name: '治安支队' }, wa: { name: '网安支队' }, jd: { code: 'JD', name: '禁毒支队' } },
    });
    // The planner made one fetch for all three root fields; the router split it.
    expect(plannerFetches).toHaveLength(1);
    expect(plannerFetches[0].operationName).toBe('ThreeDivisions__division__0');
    expect(requestsPerDivision()).toEqual({ ZA: 1, WA: 1, JD: 1 });
    expect(instance('WA').received[0].query).toBe('query ThreeDivisions__division__0{wa:division(code:"WA"){name}}');
    expect(instance('WA').received[0].query).not.toMatch(/"ZA"|"JD"/);
    expect(instance('WA').received[0].operationName).toBe('ThreeDivisions__division__0');
  });

  it('adds the per-request headers of willSendRequest for each division', async () => {
    await query('{ za: division(code: "ZA") { name } jd: division(code: "JD") { name } }');
    expect(instance('ZA').received[0].headers['x-gateway-division']).toBe('ZA');
    expect(instance('JD').received[0].headers['x-gateway-division']).toBe('JD');
    expect(instance('WA').received).toHaveLength(0);
  });

  it('resolves ten entities of three divisions in one _entities fetch and returns them in order', async () => {
    const result = await query('{ assignment(id: "A-1") { title targets { division uscc name } } }');

    expect(result.body.errors).toBeUndefined();
    const targets = result.body.data?.assignment.targets as Array<{ division: string; uscc: string; name: string }>;
    expect(targets.map((target) => target.uscc)).toEqual(TEN_TARGETS.map((target) => target.uscc));
    expect(targets.map((target) => target.name)).toEqual(TEN_TARGETS.map(({ division, uscc }) => instance(division).store.targets.get(uscc)?.name));

    expect(plannerFetches).toHaveLength(1);
    expect(plannerFetches[0].variables?.representations).toHaveLength(10);
    expect(requestsPerDivision()).toEqual({ ZA: 1, WA: 1, JD: 1 });
    const sentToZA = instance('ZA').received[0].variables?.representations as Array<{ uscc: string }>;
    expect(sentToZA.map((representation) => representation.uscc)).toEqual(['ZA-T1', 'ZA-T2', 'ZA-T3', 'ZA-T4']);
  });

  it('routes one _entities fetch mixing Target and Inspector representations', async () => {
    const result = await query('{ assignment(id: "A-1") { subjects { __typename ... on Target { uscc name } ... on Inspector { id name } } } }');
    expect(result.body).toEqual({
      data: {
        assignment: {
          subjects: [
            { __typename: 'Target', uscc: 'WA-T2', name: '网安支队检查对象2' },
            { __typename: 'Inspector', id: 'ZA-I1', name: '治安支队检查人员1' },
            { __typename: 'Target', uscc: 'JD-T1', name: '禁毒支队检查对象1' },
            { __typename: 'Inspector', id: 'WA-I2', name: '网安支队检查人员2' },
          ],
        },
      },
    });
    const typenamesPerFetch = plannerFetches.map((fetch) =>
      (fetch.variables?.representations as Array<{ __typename: string }>).map((representation) => representation.__typename),
    );
    expect(typenamesPerFetch).toEqual([['Target', 'Inspector', 'Target', 'Inspector']]);
    expect(requestsPerDivision()).toEqual({ ZA: 1, WA: 1, JD: 1 });
  });

  it('sends each instance one request for the parallel fetches of one plan step, and gives each fetch its own answer', async () => {
    const result = await query(
      '{ assignment(id: "A-1") { targets { division uscc name } subjects { __typename ... on Target { uscc name } ... on Inspector { id name } } } }',
    );

    expect(result.body.errors).toBeUndefined();
    const assignment = result.body.data?.assignment as { targets: Array<{ uscc: string; name: string }>; subjects: Array<{ name: string }> };
    expect(assignment.targets.map((target) => target.uscc)).toEqual(TEN_TARGETS.map((target) => target.uscc));
    expect(assignment.targets.map((target) => target.name)).toEqual(TEN_TARGETS.map(({ division, uscc }) => instance(division).store.targets.get(uscc)?.name));
    expect(assignment.subjects.map((subject) => subject.name)).toEqual(['网安支队检查对象2', '治安支队检查人员1', '禁毒支队检查对象1', '网安支队检查人员2']);
    // Two fetches planned (targets, subjects); ZA, WA and JD hold entities of both, and each received one request.
    expect(plannerFetches).toHaveLength(2);
    expect(requestsPerDivision()).toEqual({ ZA: 1, WA: 1, JD: 1 });
    const sentToZA = instance('ZA').received[0];
    expect(Object.keys(sentToZA.variables ?? {}).sort()).toEqual(['b0_representations', 'b1_representations']);
    expect(sentToZA.query).toMatch(/b0__entities:_entities\(representations:\$b0_representations\)/);
  });

  it('routes Division references by their code', async () => {
    const result = await query('{ task(id: "TASK-1") { divisions { code name targets(first: 1) { totalCount } } } }');
    expect(result.body).toEqual({
      data: {
        task: {
          divisions: [
            { code: 'JD', name: '禁毒支队', targets: { totalCount: 4 } },
            { code: 'ZA', name: '治安支队', targets: { totalCount: 4 } },
            { code: 'WA', name: '网安支队', targets: { totalCount: 4 } },
          ],
        },
      },
    });
  });

  it('concatenates a list field without division in configuration order', async () => {
    const result = await query('{ divisions { code name } }');
    expect(result.body).toEqual({
      data: {
        divisions: [
          { code: 'ZA', name: '治安支队' },
          { code: 'WA', name: '网安支队' },
          { code: 'JD', name: '禁毒支队' },
        ],
      },
    });
  });

  it('fills a division variable left to its default (the default is in the fetch text, not in its variables)', async () => {
    const result = await query(
      'query Defaulted($code: ID! = "WA", $first: Int = 2) { division(code: $code) { name targets(first: $first) { nodes { uscc } } } }',
    );
    expect(result.body).toEqual({
      data: { division: { name: '网安支队', targets: { nodes: [{ uscc: 'WA-T1' }, { uscc: 'WA-T2' }] } } },
    });
    expect(plannerFetches[0].variables).toEqual({});
    expect(plannerFetches[0].query).toContain('$code:ID!="WA"');
    expect(requestsPerDivision()).toEqual({ ZA: 0, WA: 1, JD: 0 });
    expect(instance('WA').received[0].variables).toEqual({ code: 'WA', first: 2 });
  });

  it('evaluates @skip and @include on root fields before routing', async () => {
    const result = await query(
      'query Conditional($withList: Boolean = false, $withJD: Boolean!) { divisions @include(if: $withList) { code } za: division(code: "ZA") { name } jd: division(code: "JD") @skip(if: $withJD) { name } }',
      { withJD: true },
    );
    expect(result.body).toEqual({ data: { za: { name: '治安支队' } } });
    expect(requestsPerDivision()).toEqual({ ZA: 1, WA: 0, JD: 0 });
  });

  it('carries named fragments into each division part', async () => {
    const result = await query(
      'query WithFragments { za: division(code: "ZA") { ...DivisionCard } wa: division(code: "WA") { ...DivisionCard } } fragment DivisionCard on Division { code name targets(first: 1) { nodes { ...TargetLine } } } fragment TargetLine on Target { uscc name }',
    );
    expect(result.body).toEqual({
      data: {
        za: { code: 'ZA', name: '治安支队', targets: { nodes: [{ uscc: 'ZA-T1', name: '治安支队检查对象1' }] } },
        wa: { code: 'WA', name: '网安支队', targets: { nodes: [{ uscc: 'WA-T1', name: '网安支队检查对象1' }] } },
      },
    });
    expect(requestsPerDivision()).toEqual({ ZA: 1, WA: 1, JD: 0 });
  });

  it('answers an unknown division code with UNKNOWN_DIVISION, for root fields and for entities', async () => {
    const root = await query('{ xx: division(code: "XX") { name } za: division(code: "ZA") { name } }');
    expect(root.body.data).toEqual({ xx: null, za: { name: '治安支队' } });
    expect(root.body.errors).toEqual([
      expect.objectContaining({
        message: '未知的警种部门代码 “XX” (unknown division code XX)',
        path: ['xx'],
        extensions: expect.objectContaining({ code: 'UNKNOWN_DIVISION', division: 'XX' }),
      }),
    ]);

    const entities = await query('{ assignment(id: "A-2") { targets { uscc name } } }');
    expect(entities.body.data).toEqual({
      assignment: { targets: [{ uscc: 'ZA-T1', name: '治安支队检查对象1' }, null, { uscc: 'ZA-T2', name: '治安支队检查对象2' }] },
    });
    expect(entities.body.errors).toEqual([
      expect.objectContaining({
        path: ['assignment', 'targets', 1],
        extensions: expect.objectContaining({ code: 'UNKNOWN_DIVISION', division: 'XX' }),
      }),
    ]);
  });

  it('routes a mutation to the instance of its division', async () => {
    const result = await query('mutation Save($input: TargetInput!) { saveTarget(division: "JD", input: $input) { division uscc name } }', {
      input: { uscc: 'JD-NEW-1', name: '新登记的娱乐场所' },
    });
    expect(result.body).toEqual({ data: { saveTarget: { division: 'JD', uscc: 'JD-NEW-1', name: '新登记的娱乐场所' } } });
    expect(instance('JD').store.targets.get('JD-NEW-1')).toEqual({ division: 'JD', uscc: 'JD-NEW-1', name: '新登记的娱乐场所' });
    expect(instance('ZA').store.targets.has('JD-NEW-1')).toBe(false);
    expect(instance('WA').store.targets.has('JD-NEW-1')).toBe(false);
    expect(requestsPerDivision()).toEqual({ ZA: 0, WA: 0, JD: 1 });
  });

  it('runs mutations for several divisions as consecutive runs, in order', async () => {
    const result = await query(`mutation Several {
      first: saveTarget(division: "ZA", input: { uscc: "ZA-S1", name: "一" }) { uscc }
      second: saveTarget(division: "ZA", input: { uscc: "ZA-S2", name: "二" }) { uscc }
      third: declareConflict(division: "WA", inspector: "WA-I1", uscc: "WA-T1", reason: "亲属关系") { id conflicts }
      fourth: saveTarget(division: "ZA", input: { uscc: "ZA-S3", name: "三" }) { uscc }
    }`);
    expect(result.body).toEqual({
      data: {
        first: { uscc: 'ZA-S1' },
        second: { uscc: 'ZA-S2' },
        third: { id: 'WA-I1', conflicts: ['WA-T1:亲属关系'] },
        fourth: { uscc: 'ZA-S3' },
      },
    });
    expect(plannerFetches).toHaveLength(1);
    expect(mutationJournal).toEqual(['ZA:ZA-S1', 'ZA:ZA-S2', 'WA:conflict:WA-I1', 'ZA:ZA-S3']);
    expect(requestsPerDivision()).toEqual({ ZA: 2, WA: 1, JD: 0 });
  });

  it('refuses a mutation without a division argument and sends it nowhere', async () => {
    const result = await query('mutation { resetDemoData }');
    expect(result.body.data).toEqual({ resetDemoData: null });
    expect(result.body.errors).toEqual([
      expect.objectContaining({
        message: '变更操作 resetDemoData 必须指定分局/支队 (mutation resetDemoData needs a division argument)',
        path: ['resetDemoData'],
        extensions: expect.objectContaining({ code: 'DIVISION_REQUIRED' }),
      }),
    ]);
    expect(mutationJournal).toEqual([]);
    expect(requestsPerDivision()).toEqual({ ZA: 0, WA: 0, JD: 0 });
  });

  it('leaves subgraphs other than `division` to the standard gateway', async () => {
    const result = await query('query Titles { assignments { id title } }');
    expect(result.body).toEqual({
      data: {
        assignments: [
          { id: 'A-1', title: '2025年第一季度双随机联合检查' },
          { id: 'A-2', title: '含未知部门的检查' },
        ],
      },
    });
    expect(plannerFetches).toHaveLength(0);
    expect(jointReceived.map((request) => request.operationName)).toEqual(['Titles__joint__0']);
    expect(requestsPerDivision()).toEqual({ ZA: 0, WA: 0, JD: 0 });
  });

  it('passes the gateway health check on to every instance', async () => {
    const checks = await gateway.serviceHealthCheck();
    const division = checks.find((check) => check.name === 'division');
    expect(division?.response).toEqual({ data: { __typename: 'Query' } });
    expect(requestsPerDivision()).toEqual({ ZA: 1, WA: 1, JD: 1 });
  });

  describe('when one division instance is down', () => {
    afterEach(async () => {
      // Leave every instance running for the next test, whatever happened here.
      await ensureRunning('WA');
    });

    it('fails only that division’s part and recovers as soon as the instance is back, without a gateway restart', async () => {
      await instance('WA').stop();

      const down = await query('{ za: division(code: "ZA") { name } wa: division(code: "WA") { name } jd: division(code: "JD") { name } }');
      expect(down.body.data).toEqual({ za: { name: '治安支队' }, wa: null, jd: { name: '禁毒支队' } });
      expect(down.body.errors).toEqual([
        expect.objectContaining({
          message: '分局/支队 WA 的服务暂时无法访问 (division WA is unavailable)',
          path: ['wa'],
          extensions: expect.objectContaining({ code: 'DIVISION_UNAVAILABLE', division: 'WA' }),
        }),
      ]);

      // `[Target]!` has nullable items: the other divisions' entities stay intact.
      const entities = await query('{ assignment(id: "A-1") { title targets { uscc name } } }');
      const targets = entities.body.data?.assignment.targets as Array<{ uscc: string; name: string } | null>;
      expect(entities.body.data?.assignment.title).toBe('2025年第一季度双随机联合检查');
      expect(targets).toHaveLength(10);
      TEN_TARGETS.forEach(({ division, uscc }, index) => {
        if (division === 'WA') expect(targets[index]).toBeNull();
        else expect(targets[index]).toEqual({ uscc, name: instance(division).store.targets.get(uscc)?.name });
      });
      const entityErrors = entities.body.errors ?? [];
      expect(entityErrors.map((error) => error.path)).toEqual([
        ['assignment', 'targets', 1],
        ['assignment', 'targets', 5],
        ['assignment', 'targets', 8],
      ]);
      for (const error of entityErrors) {
        expect(error.extensions).toEqual(expect.objectContaining({ code: 'DIVISION_UNAVAILABLE', division: 'WA' }));
      }

      const list = await query('{ divisions { code } }');
      expect(list.body.data).toEqual({ divisions: [{ code: 'ZA' }, { code: 'JD' }] });
      expect(list.body.errors?.map((error) => [error.path, error.extensions?.code, error.extensions?.division])).toEqual([
        [['divisions'], 'DIVISION_UNAVAILABLE', 'WA'],
      ]);

      await instance('WA').start();

      const back = await query('{ wa: division(code: "WA") { name } assignment(id: "A-1") { targets { uscc } } }');
      expect(back.body).toEqual({
        data: { wa: { name: '网安支队' }, assignment: { targets: TEN_TARGETS.map(({ uscc }) => ({ uscc })) } },
      });
    });
  });
});

/** Starts an instance again unless it answers; used to restore the setup after a failed test. */
async function ensureRunning(code: string): Promise<void> {
  const server = instance(code);
  try {
    const probe = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    if (probe.ok) return;
  } catch {
    // Not listening: start it below.
  }
  await server.start();
}
