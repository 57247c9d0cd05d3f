/**
 * Production hardening: weak or missing secrets stop a production process at
 * start; a production gateway offers no introspection, no field suggestions, no
 * landing page and no stack traces; anonymous clients are rate-limited.
 */
import { Agent, fetch as undiciFetch } from 'undici';
import { createGateway, type Gateway } from '../../gateway/src/app';
import { defaultSupergraphPath } from '../../gateway/src/config';
import { createLogger } from '../../common/logger';
import { DEFAULT_RATE_LIMIT } from '../../common/rate-limit';
import { deadline, freePort, killAll, killHard, MAIN, serviceEnv, startProcess, waitForStatus, type Exit } from '../reliability/processes';
import { postGraphQL, TEST_CONTEXT_SECRET } from '../support/graphql';
import { startTestSystem, type TestSystem } from '../support/system';
import { tempDir } from '../support/temp';
import { TEST_AUTH_SECRET, tokens } from '../support/tokens';

jest.setTimeout(180_000);

const SECRET_32 = 'p'.repeat(16) + 'q'.repeat(16);
const SECRET_31 = 'p'.repeat(31);
const NOWHERE = 'http://127.0.0.1:9/graphql';

afterAll(() => killAll());

async function exitOf(service: ReturnType<typeof startProcess>, ms = 60_000): Promise<Exit> {
  const exit = await Promise.race([service.exited, deadline(ms, undefined)]);
  if (!exit) {
    await killHard(service);
    throw new Error(`${service.name} kept running with a bad configuration:\n${service.output()}`);
  }
  return exit;
}

describe('a production process with a missing or short secret', () => {
  const gatewayEnv = async (overrides: Record<string, string | undefined>) =>
    serviceEnv({
      NODE_ENV: 'production',
      PORT: String(await freePort()),
      DIVISIONS: `ZA=${NOWHERE}`,
      JOINT_URL: NOWHERE,
      AUTH_SECRET: SECRET_32,
      CONTEXT_SECRET: SECRET_32,
      LOG_LEVEL: 'warn',
      ...overrides,
    });
  const divisionEnv = async (overrides: Record<string, string | undefined>) =>
    serviceEnv({
      NODE_ENV: 'production',
      PORT: String(await freePort()),
      DIVISION: 'ZA',
      DATA_DIR: tempDir('ssj-prod-division-'),
      CONTEXT_SECRET: SECRET_32,
      LOG_LEVEL: 'warn',
      ...overrides,
    });
  const jointEnv = async (overrides: Record<string, string | undefined>) =>
    serviceEnv({
      NODE_ENV: 'production',
      PORT: String(await freePort()),
      DIVISIONS: `ZA=${NOWHERE}`,
      DATA_DIR: tempDir('ssj-prod-joint-'),
      CONTEXT_SECRET: SECRET_32,
      LOG_LEVEL: 'warn',
      ...overrides,
    });

  const lodgingEnv = async (overrides: Record<string, string | undefined>) =>
    serviceEnv({
      NODE_ENV: 'production',
      PORT: String(await freePort()),
      DATA_DIR: tempDir('ssj-prod-lodging-'),
      CONTEXT_SECRET: SECRET_32,
      LOG_LEVEL: 'warn',
      ...overrides,
    });

  const cases: Array<[string, keyof typeof MAIN, 'AUTH_SECRET' | 'CONTEXT_SECRET', string | undefined]> = [
    ['the gateway without AUTH_SECRET', 'gateway', 'AUTH_SECRET', undefined],
    ['the gateway with a 31-character AUTH_SECRET', 'gateway', 'AUTH_SECRET', SECRET_31],
    ['the gateway without CONTEXT_SECRET', 'gateway', 'CONTEXT_SECRET', undefined],
    ['the gateway with a 31-character CONTEXT_SECRET', 'gateway', 'CONTEXT_SECRET', SECRET_31],
    ['a division instance without CONTEXT_SECRET', 'division', 'CONTEXT_SECRET', undefined],
    ['a division instance with a 31-character CONTEXT_SECRET', 'division', 'CONTEXT_SECRET', SECRET_31],
    ['the joint subgraph without CONTEXT_SECRET', 'joint', 'CONTEXT_SECRET', undefined],
    ['the joint subgraph with a 16-character CONTEXT_SECRET', 'joint', 'CONTEXT_SECRET', 'x'.repeat(16)],
    ['the guest-registration subgraph without CONTEXT_SECRET', 'lodging', 'CONTEXT_SECRET', undefined],
    ['the guest-registration subgraph with a 31-character CONTEXT_SECRET', 'lodging', 'CONTEXT_SECRET', SECRET_31],
  ];

  it.each(cases)('%s stops at start, naming the variable, with a non-zero exit code', async (_label, service, variable, value) => {
    const envOf = { gateway: gatewayEnv, division: divisionEnv, joint: jointEnv, lodging: lodgingEnv }[service];
    const process_ = startProcess(service, MAIN[service], await envOf({ [variable]: value }));
    const exit = await exitOf(process_);
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(process_.output()).toContain(variable);
    expect(process_.output()).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('the gateway with 32-character secrets starts, answers /health, and stops cleanly on SIGTERM', async () => {
    const env = await gatewayEnv({});
    const gateway = startProcess('gateway', MAIN.gateway, env);
    try {
      await waitForStatus(`http://127.0.0.1:${env.PORT}/health`, gateway);
      gateway.signal('SIGTERM');
      expect(await exitOf(gateway, 30_000)).toEqual({ code: 0, signal: null });
    } finally {
      await killHard(gateway);
    }
  });
});

describe('a production gateway', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem({ divisions: ['ZA'], seed: 'demo', gateway: { production: true } });
  });

  afterAll(() => system?.stop());

  const noStack = (text: string) => {
    expect(text).not.toMatch(/stacktrace/i);
    expect(text).not.toMatch(/\bat [^\s]+ \(?[^\s]*:\d+:\d+\)?/);
    expect(text).not.toMatch(/node_modules|\/work\//);
  };

  it('refuses introspection', async () => {
    for (const query of [
      `{ __schema { types { name } } }`,
      `{ __type(name: "Division") { fields { name } } }`,
      `query { divisions { code } __schema { queryType { name } } }`,
    ]) {
      const result = await system.query(query);
      expect(result.errors?.length).toBeGreaterThan(0);
      expect(result.data?.__schema ?? result.data?.__type ?? null).toBeNull();
      expect(JSON.stringify(result.body)).not.toContain('InspectionTask');
    }
    // __typename is not introspection of the schema, and stays available.
    expect((await system.query(`{ __typename }`)).data).toEqual({ __typename: 'Query' });
  });

  it('suggests no field, argument, type or enum names ("Did you mean")', async () => {
    const coordinator = await tokens.coordinator();
    const attempts: Array<[string, Record<string, unknown>, string | undefined]> = [
      [`{ divisons { code } }`, {}, undefined],
      [`{ division(cod: "ZA") { name } }`, {}, undefined],
      [`{ division(code: "ZA") { nam } }`, {}, undefined],
      [`{ inspectionTasks(status: COMITTED) { totalCount } }`, {}, undefined],
      [`query($s: TaskStatu) { inspectionTasks(status: $s) { totalCount } }`, {}, undefined],
      [`{ ...F } fragment F on Quer { divisions { code } }`, {}, undefined],
      [`query($s: TaskStatus) { inspectionTasks(status: $s) { totalCount } }`, { s: 'COMITTED' }, undefined],
      [
        `mutation($input: InspectionTaskInput!) { createInspectionTask(input: $input) { id } }`,
        {
          input: {
            name: 'x',
            year: 2026,
            kind: 'RANDON',
            items: [],
            ratioBp: 1,
            highRiskRatioBp: 1,
            inspectorsPerDivision: 1,
            periodStart: '2026-12-01',
            periodEnd: '2026-12-02',
          },
        },
        coordinator,
      ],
      [
        `mutation($input: InspectionTaskInput!) { createInspectionTask(input: $input) { id } }`,
        {
          input: {
            name: 'x',
            year: 2026,
            kind: 'RANDOM',
            items: [],
            ratioBp: 1,
            highRiskRatioBp: 1,
            inspectorsPerDivision: 1,
            periodStat: '2026-12-01',
            periodEnd: '2026-12-02',
          },
        },
        coordinator,
      ],
    ];
    const leaks: string[] = [];
    for (const [query, variables, token] of attempts) {
      const result = await system.query(query, variables, token);
      expect({ query, errors: (result.errors?.length ?? 0) > 0 }).toEqual({ query, errors: true });
      const text = JSON.stringify(result.body);
      noStack(text);
      for (const error of result.errors ?? []) if (/did you mean/i.test(error.message)) leaks.push(error.message);
    }
    expect(leaks).toEqual([]);
  });

  it('shows no landing page and no explorer', async () => {
    const landing = await fetch(system.gateway.url, { headers: { accept: 'text/html' } });
    const html = await landing.text();
    expect(landing.status).toBeGreaterThanOrEqual(400);
    expect(html).not.toMatch(/sandbox|apollo-server-landing-page|graphiql/i);
    const explorer = await fetch(system.gateway.url.replace(/\/graphql$/, '/explorer'));
    expect(explorer.status).toBe(404);
  });

  it('puts no stack trace in any error, whatever failed', async () => {
    const coordinator = await tokens.coordinator();
    const answers: Array<{ what: string; text: string; status: number }> = [];
    const graphql = async (what: string, query: string, variables: Record<string, unknown> = {}, token?: string) => {
      const result = await system.query(query, variables, token);
      answers.push({ what, text: JSON.stringify(result.body), status: result.status });
    };
    const raw = async (what: string, init: RequestInit) => {
      const response = await fetch(system.gateway.url, init);
      answers.push({ what, text: await response.text(), status: response.status });
    };
    await graphql('a validation error', `{ nothing }`);
    await graphql('a parse error', `{`);
    await graphql('a domain error', `mutation { drawInspectionTask(id: "T2026-9999", beacon: "x") { id } }`, {}, coordinator);
    await graphql('an unknown division', `{ division(code: "XX") { name } }`);
    await graphql('a refused role', `{ auditChain { ok } }`, {}, coordinator);
    await graphql('a bad variable', `query($f: Int) { publicResults(first: $f) { totalCount } }`, { f: 'x' });
    await graphql('a bad token', `{ divisions { code } }`, {}, 'not-a-jwt');
    await raw('malformed JSON', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    await raw('an unsupported charset', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=latin1' },
      body: '{"query":"{ divisions { code } }"}',
    });
    await raw('a broken gzip body', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: '{"query":"{ divisions { code } }"}',
    });
    await raw('a 3 MB body', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ divisions { code } }', pad: 'x'.repeat(3 * 1024 * 1024) }),
    });
    // An unexpected failure: the joint subgraph is gone.
    await system.joint.stop();
    await graphql('an unreachable subgraph', `{ publicResults { totalCount } }`);
    for (const answer of answers) {
      expect({ what: answer.what, stack: /stacktrace|\bat [^\s]+ \(?[^\s]*:\d+:\d+\)?|node_modules|\/work\//i.test(answer.text) }).toEqual({
        what: answer.what,
        stack: false,
      });
      expect({ what: answer.what, internalUrl: answer.text.includes(new URL(system.joint.url).host) }).toEqual({ what: answer.what, internalUrl: false });
    }
  });
});

describe('rate limits on anonymous requests', () => {
  let system: TestSystem;
  let gateway: Gateway;
  /**
   * A second client: the same machine, another loopback address. The address is the Agent's own option
   * (undici's connector overrides a `connect.localAddress` with the client's, which would be the default 127.0.0.1).
   */
  const otherClient = new Agent({ localAddress: '127.0.0.2' });

  beforeAll(async () => {
    system = await startTestSystem({ divisions: ['ZA'], seed: 'demo' });
    gateway = await createGateway(
      {
        port: 0,
        host: '127.0.0.1',
        supergraphPath: defaultSupergraphPath(),
        divisions: [...system.divisions.entries()].map(([code, service]) => ({ code, url: service.url })),
        subgraphUrls: { joint: system.joint.url, lodging: system.lodging.url },
        auth: { secret: TEST_AUTH_SECRET },
        contextSecret: TEST_CONTEXT_SECRET,
        production: true,
      },
      createLogger('gateway-limits', 'silent'),
    );
  });

  afterAll(async () => {
    await gateway?.stop();
    await system?.stop();
    await otherClient.close();
  });

  /**
   * Sends requests in bursts until one is refused with 429; returns that answer, or undefined after `max`.
   * A burst is larger than the bucket (120), so the limit is reached within one burst however slowly a
   * loaded machine serves it (a smaller burst that takes longer to serve than the bucket takes to refill never is).
   */
  async function flood(send: () => Promise<Response>, max = 3000): Promise<Response | undefined> {
    const burst = DEFAULT_RATE_LIMIT.capacity + 30;
    for (let sent = 0; sent < max; sent += burst) {
      const answers = await Promise.all(Array.from({ length: burst }, send));
      const limited = answers.find((answer) => answer.status === 429);
      for (const answer of answers) if (answer !== limited) await answer.arrayBuffer();
      if (limited) return limited;
    }
    return undefined;
  }

  const anonymous =
    (headers: Record<string, string> = {}) =>
    () =>
      fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: '{ divisions { code } }' }),
      });

  it('refuses a flood of anonymous GraphQL requests from one client with 429 and Retry-After, and keeps serving others', async () => {
    const limited = await flood(anonymous());
    expect(limited?.status).toBe(429);
    const retryAfter = limited!.headers.get('retry-after');
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    const body = (await limited!.json()) as any;
    expect(typeof body.errors?.[0]?.extensions?.code).toBe('string');
    expect(body.errors[0].extensions.code).not.toBe('INTERNAL_SERVER_ERROR');

    // Another client is not affected.
    const other = await undiciFetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ divisions { code } }' }),
      dispatcher: otherClient,
    });
    expect(other.status).toBe(200);
    // Signed-in staff behind the same address are not limited by the public's allowance.
    const staff = await postGraphQL(gateway.url, `{ divisions { code } }`, {}, { authorization: `Bearer ${await tokens.coordinator()}` });
    expect(staff.status).toBe(200);
  });

  it('does not let an empty or bogus Authorization header escape the anonymous limit', async () => {
    // Each header is flooded on its own: one that escaped the limit would be served 3,000 times without a 429.
    for (const authorization of ['', 'Bearer', 'Bearer ', 'Bearer not-a-token']) {
      const limited = await flood(anonymous({ authorization }));
      expect({ authorization, limited: limited?.status }).toEqual({ authorization, limited: 429 });
      const body = (await limited!.json()) as any;
      expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
    }
  });

  it('refuses a flood of anonymous portal requests with 429 and Retry-After', async () => {
    const portal = gateway.url.replace(/\/graphql$/, '/');
    const first = await undiciFetch(portal, { dispatcher: otherClient });
    expect(first.status).toBe(200);
    await first.arrayBuffer();
    const limited = await flood(() => fetch(portal));
    expect(limited?.status).toBe(429);
    expect(limited!.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
