/**
 * /ready and /metrics as an outsider meets them: `{"ready": …}` and nothing
 * more, answered from the background probe (no fan-out per call) and
 * rate-limited; the detail for supervisors and the operations networks
 * (OPS_NETWORKS) only. Metrics labels stay bounded whatever operation names
 * clients invent.
 */
import { ConfigError, readOpsNetworks } from '../../common/config';
import { OpsNetworks } from '../../common/ops-networks';
import { operationLabel } from '../../common/operation-names';
import { createGateway, type Gateway } from '../../gateway/src/app';
import { defaultSupergraphPath } from '../../gateway/src/config';
import { createLogger } from '../../common/logger';
import { TEST_CONTEXT_SECRET } from '../support/graphql';
import { createDivisionService } from '../../subgraphs/division/src/app';
import { freshDatabase } from '../support/database';
import { startTestSystem, type TestSystem } from '../support/system';
import { TEST_AUTH_SECRET, tokens } from '../support/tokens';

let system: TestSystem;
/** A gateway for which this machine is not an operations network: what the public meets. */
let outside: Gateway;

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA'], seed: 'demo' });
  outside = await createGateway(
    {
      port: 0,
      host: '127.0.0.1',
      supergraphPath: defaultSupergraphPath(),
      divisions: [{ code: 'ZA', url: system.divisions.get('ZA')!.url }],
      subgraphUrls: { joint: system.joint.url, lodging: system.lodging.url },
      auth: { secret: TEST_AUTH_SECRET },
      contextSecret: TEST_CONTEXT_SECRET,
      production: false,
      publicRateLimit: { capacity: 100_000, refillPerSecond: 100_000 },
      opsNetworks: [],
    },
    createLogger('gateway', 'silent'),
  );
});

afterAll(async () => {
  await outside?.stop();
  await system?.stop();
});

const at = (gateway: Gateway, path: string) => gateway.url.replace(/\/graphql$/, path);

/** Every GraphQL request the joint subgraph has answered, whatever its label. */
async function jointRequests(): Promise<number> {
  const text = await (await fetch(system.joint.url.replace(/\/graphql$/, '/metrics'))).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('ssj_graphql_requests_total{'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe('/ready', () => {
  it('tells the public whether the system is ready, and nothing else', async () => {
    const response = await fetch(at(outside, '/ready'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true });
    const coordinator = await fetch(at(outside, '/ready'), { headers: { authorization: `Bearer ${await tokens.coordinator()}` } });
    expect(await coordinator.json()).toEqual({ ready: true });
  });

  it('shows each subgraph to a supervisor and to the operations networks', async () => {
    const supervisor = await fetch(at(outside, '/ready'), { headers: { authorization: `Bearer ${await tokens.supervisor()}` } });
    const detail = (await supervisor.json()) as any;
    expect(detail).toMatchObject({ ready: true, subgraphs: { joint: { ok: true }, 'division:ZA': { ok: true } } });
    const ops = (await (await fetch(at(system.gateway, '/ready'))).json()) as any;
    expect(Object.keys(ops.subgraphs).sort()).toEqual(['division:ZA', 'joint', 'lodging']);
  });

  it('answers from the background probe: fifty calls do not ask every subgraph fifty times', async () => {
    const before = await jointRequests();
    for (let call = 0; call < 20; call++) expect((await fetch(at(outside, '/ready'))).status).toBe(200);
    await Promise.all(Array.from({ length: 30 }, () => fetch(at(system.gateway, '/ready'))));
    // The joint may have been probed by the gateways' own schedule meanwhile, and this count reads its metrics once.
    expect((await jointRequests()) - before).toBeLessThanOrEqual(4);
  });

  it('is rate-limited for the public', async () => {
    const statuses = await Promise.all(Array.from({ length: 40 }, async () => (await fetch(at(outside, '/ready'))).status));
    expect(statuses).toContain(429);
  });
});

describe('/metrics', () => {
  it('is refused outside the operations networks, served to a supervisor and to them', async () => {
    const refused = await fetch(at(outside, '/metrics'));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    const supervisor = await fetch(at(outside, '/metrics'), { headers: { authorization: `Bearer ${await tokens.supervisor()}` } });
    expect(supervisor.status).toBe(200);
    expect(await supervisor.text()).toContain('ssj_graphql_requests_total');
    expect((await fetch(at(system.gateway, '/metrics'))).status).toBe(200);
  });

  it("a subgraph's metrics are refused outside the operations networks", async () => {
    const division = await createDivisionService({
      division: 'WA',
      port: 0,
      host: '127.0.0.1',
      database: await freshDatabase(undefined, 'division_WA'),
      contextSecret: TEST_CONTEXT_SECRET,
      opsNetworks: [],
      logger: createLogger('division:WA', 'silent'),
    });
    try {
      const refused = await fetch(division.url.replace(/\/graphql$/, '/metrics'));
      expect(refused.status).toBe(403);
      expect(await refused.text()).not.toContain('ssj_graphql_requests_total');
    } finally {
      await division.stop();
    }
  });

  it('does not grow with operation names clients make up: they count as other', async () => {
    const series = async (url: string) => (await (await fetch(url)).text()).split('\n').filter((line) => line.startsWith('ssj_graphql_requests_total{'));
    const before = await series(at(system.gateway, '/metrics'));
    for (let request = 0; request < 100; request++) {
      const result = await system.query(`query Invented${request}x${Math.random().toString(36).slice(2)} { divisions { code } }`);
      expect(result.errors).toBeUndefined();
    }
    const after = await series(at(system.gateway, '/metrics'));
    expect(after.some((line) => /Invented/.test(line))).toBe(false);
    expect(after.length).toBeLessThanOrEqual(before.length + 1);
    expect(after.find((line) => line.includes('operation="other"') && line.includes('outcome="ok"'))).toMatch(/ (\d{3,})$/);
    const joint = await series(system.joint.url.replace(/\/graphql$/, '/metrics'));
    const division = await series(system.divisions.get('ZA')!.url.replace(/\/graphql$/, '/metrics'));
    expect([...joint, ...division].some((line) => /Invented/.test(line))).toBe(false);
  });

  it('labels the operations the system sends by their names, at the gateway and in the subgraphs', () => {
    expect(operationLabel('PortalDraw')).toBe('PortalDraw');
    expect(operationLabel('PortalDraw__joint__0')).toBe('PortalDraw');
    expect(operationLabel('PublicResults__division__12')).toBe('PublicResults');
    expect(operationLabel(undefined)).toBe('anonymous');
    expect(operationLabel('DROP_TABLES')).toBe('other');
    expect(operationLabel('PortalDraw__evil')).toBe('other');
  });

  it('scrapes from outside the operations networks are limited', async () => {
    const supervisor = { authorization: `Bearer ${await tokens.supervisor()}` };
    const statuses = await Promise.all(Array.from({ length: 20 }, async () => (await fetch(at(outside, '/metrics'), { headers: supervisor })).status));
    expect(statuses).toContain(429);
  });
});

describe('OPS_NETWORKS', () => {
  it('reads CIDR blocks and single addresses, IPv4 and IPv6', () => {
    const networks = new OpsNetworks(readOpsNetworks({ OPS_NETWORKS: '10.20.0.0/16, 192.168.1.7,fd00::/8' }));
    expect(networks.includes('10.20.3.4')).toBe(true);
    expect(networks.includes('::ffff:10.20.3.4')).toBe(true);
    expect(networks.includes('10.21.0.1')).toBe(false);
    expect(networks.includes('192.168.1.7')).toBe(true);
    expect(networks.includes('192.168.1.8')).toBe(false);
    expect(networks.includes('fd12::1')).toBe(true);
    expect(networks.includes('127.0.0.1')).toBe(false);
    expect(networks.includes(undefined)).toBe(false);
  });

  it('is this machine outside production, nowhere in production, nowhere with none', () => {
    expect(new OpsNetworks(readOpsNetworks({})).includes('127.0.0.1')).toBe(true);
    expect(readOpsNetworks({ NODE_ENV: 'production' })).toEqual([]);
    expect(readOpsNetworks({ OPS_NETWORKS: 'none' })).toEqual([]);
  });

  it.each(['10.0.0.0/33', 'ten.0.0.0/8', '10.0.0.0/8/1', 'fd00::/129'])('refuses %s naming the variable', (value) => {
    expect(() => readOpsNetworks({ OPS_NETWORKS: value })).toThrow(ConfigError);
    expect(() => readOpsNetworks({ OPS_NETWORKS: value })).toThrow(/^OPS_NETWORKS: /);
  });
});
