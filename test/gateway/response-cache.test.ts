import { Client } from 'pg';
import { createGateway, type Gateway } from '../../gateway/src/app';
import { defaultSupergraphPath } from '../../gateway/src/config';
import type { ResponseCacheConfig } from '../../gateway/src/response-cache';
import { localUrl } from '../../common/http-server';
import { createLogger } from '../../common/logger';
import { freshDatabase } from '../support/database';
import { TEST_CONTEXT_SECRET } from '../support/graphql';
import { countStatements } from '../support/services';
import { startTestSystem, type TestSystem } from '../support/system';
import { TEST_AUTH_SECRET, tokens, userToken } from '../support/tokens';

/** The public item-list query of the portal's home and /items pages. */
const PUBLIC_ITEMS = `{ divisions { code name checklist { code name } } }`;
const SAVE_ITEM = `mutation($d: ID!, $i: CheckItemInput!) { saveCheckItem(division: $d, input: $i) { code active } }`;

interface Answer {
  status: number;
  cacheControl: string | null;
  body: { data?: any; errors?: Array<{ extensions?: { code?: string } }> };
  /** SQL statements the division instances received while answering. */
  divisionReads: number;
}

let system: TestSystem;

/** How the shared store is set up in this file: PostgreSQL in the postgresql project, in memory otherwise. */
async function storeForThisProject(): Promise<ResponseCacheConfig> {
  const location = await freshDatabase(undefined, 'response_cache');
  return location.kind === 'postgresql' ? { store: 'postgresql', url: location.url } : { store: 'memory' };
}

async function ask(gatewayUrl: string, query: string, token?: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  let response!: Response;
  const reads = await countAllDivisions(async () => {
    response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  });
  return {
    status: response.status,
    cacheControl: response.headers.get('cache-control'),
    body: (await response.json()) as Answer['body'],
    divisionReads: reads,
  };
}

async function countAllDivisions(work: () => Promise<unknown>): Promise<number> {
  const [za, wa] = [system.divisions.get('ZA')!, system.divisions.get('WA')!];
  let waCount = 0;
  const { count } = await countStatements(za, async () => {
    waCount = (await countStatements(wa, work)).count;
  });
  return count + waCount;
}

function itemCodes(answer: Answer, division: string): string[] {
  const entry = (answer.body.data?.divisions as Array<{ code: string; checklist: Array<{ code: string }> }>).find((d) => d.code === division)!;
  return entry.checklist.map((item) => item.code);
}

function newItem(code: string, active = true) {
  return {
    code,
    name: `测试事项 ${code}`,
    basis: '《中华人民共和国治安管理处罚法》',
    subject: '治安管理支队',
    targetCategory: '旅馆',
    ratioBp: 500,
    timesPerYear: 1,
    method: '实地检查',
    content: '检查登记制度落实情况',
    active,
  };
}

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA'], seed: 'demo', gateway: { responseCache: await storeForThisProject() } });
});

afterAll(async () => {
  await system?.stop();
});

describe('the response cache for public answers', () => {
  it('serves the public item list from the cache until an item-list write, which the writer and the public then see at once', async () => {
    const admin = await tokens.divisionAdmin('ZA');
    const first = await ask(system.gateway.url, PUBLIC_ITEMS);
    expect(first.body.errors).toBeUndefined();
    expect(first.divisionReads).toBeGreaterThan(0);
    const again = await ask(system.gateway.url, PUBLIC_ITEMS);
    expect(again.body).toEqual(first.body);
    expect(again.divisionReads).toBe(0);
    expect(again.cacheControl).toBe('public, max-age=60');
    // The admin's own class has its answer cached too before the write.
    await ask(system.gateway.url, PUBLIC_ITEMS, admin);
    expect((await ask(system.gateway.url, PUBLIC_ITEMS, admin)).divisionReads).toBe(0);

    const saved = await ask(system.gateway.url, SAVE_ITEM, admin, { d: 'ZA', i: newItem('ZA-901') });
    expect(saved.body.errors).toBeUndefined();

    const writerSees = await ask(system.gateway.url, PUBLIC_ITEMS, admin);
    expect(itemCodes(writerSees, 'ZA')).toContain('ZA-901');
    const publicSees = await ask(system.gateway.url, PUBLIC_ITEMS);
    expect(itemCodes(publicSees, 'ZA')).toContain('ZA-901');
    expect(publicSees.divisionReads).toBeGreaterThan(0);
    expect(itemCodes(publicSees, 'WA')).toEqual(itemCodes(first, 'WA'));
  });

  it("never gives one viewer class's cached answer to another: the public, a coordinator, each division's admin, an inspector", async () => {
    const query = `query Classes { divisions { code name } division(code: "ZA") { checklist { code } } }`;
    const viewers: Array<[string, string | undefined]> = [
      ['public', undefined],
      ['coordinator', await tokens.coordinator()],
      ['ZA division_admin', await tokens.divisionAdmin('ZA')],
      ['WA division_admin', await tokens.divisionAdmin('WA')],
      ['coordinator and ZA division_admin', await userToken({ roles: ['coordinator', 'division_admin'], division: 'ZA', name: '兼任' })],
      ['analyst', await tokens.analyst()],
    ];
    const reference = await ask(system.gateway.url, query);
    for (const [label, token] of viewers) {
      // The first read of each class reaches the divisions (the public's was just cached by `reference`), the second does not.
      const first = await ask(system.gateway.url, query, token);
      const second = await ask(system.gateway.url, query, token);
      expect({ label, data: first.body.data, errors: first.body.errors }).toEqual({ label, data: reference.body.data, errors: undefined });
      expect({ label, first: first.divisionReads > 0, second: second.divisionReads }).toEqual({ label, first: label !== 'public', second: 0 });
    }
    // An inspector's token names a person: whatever they read is fetched for them, every time.
    const inspector = await tokens.inspector('ZA', 'ZA-0001');
    for (let i = 0; i < 2; i++) {
      const read = await ask(system.gateway.url, query, inspector);
      expect(read.body.data).toEqual(reference.body.data);
      expect(read.divisionReads).toBeGreaterThan(0);
      expect(read.cacheControl).toBe('no-store');
    }
  });

  it('never caches a personal or unpublished field, nor an answer that contains one', async () => {
    const coordinator = await tokens.coordinator();
    const admin = await tokens.divisionAdmin('ZA');
    await ask(system.gateway.url, SAVE_ITEM, admin, { d: 'ZA', i: newItem('ZA-902', false) });
    const unpublished = `{ division(code: "ZA") { checklist(includeInactive: true) { code active } } }`;
    const directory = `{ divisions { code name } division(code: "ZA") { inspectors(first: 3) { edges { node { id name } } } } }`;
    for (const [query, token] of [
      [unpublished, admin],
      [unpublished, coordinator],
      [directory, coordinator],
    ] as const) {
      const reads = [await ask(system.gateway.url, query, token), await ask(system.gateway.url, query, token)];
      for (const read of reads) {
        expect(read.body.errors).toBeUndefined();
        expect(read.divisionReads).toBeGreaterThan(0);
        expect(read.cacheControl).toBe('no-store');
      }
    }
    const inactive = (await ask(system.gateway.url, unpublished, admin)).body.data.division.checklist.find((item: { code: string }) => item.code === 'ZA-902');
    expect(inactive).toEqual({ code: 'ZA-902', active: false });
    expect(itemCodes(await ask(system.gateway.url, PUBLIC_ITEMS), 'ZA')).not.toContain('ZA-902');

    // An inspector's own assignments, answered by the joint subgraph: read from its database every time.
    const inspector = await tokens.inspector('ZA', 'ZA-0001');
    for (let i = 0; i < 2; i++) {
      const { count } = await countStatements(system.joint, () => ask(system.gateway.url, `{ myAssignments(first: 5) { totalCount } }`, inspector));
      expect(count).toBeGreaterThan(0);
    }
  });

  it("serves the portal's item-list page from the same cache, and shows a new item right after it is saved", async () => {
    const page = async () => {
      let html = '';
      const reads = await countAllDivisions(async () => {
        html = await (await fetch(localUrl(system.gateway.port, '/items'))).text();
      });
      return { html, reads };
    };
    await page();
    const cached = await page();
    expect(cached.reads).toBe(0);
    expect(cached.html).toContain('随机抽查事项清单');
    await ask(system.gateway.url, SAVE_ITEM, await tokens.divisionAdmin('ZA'), { d: 'ZA', i: newItem('ZA-904') });
    const fresh = await page();
    expect(fresh.reads).toBeGreaterThan(0);
    expect(fresh.html).toContain('测试事项 ZA-904');
  });

  it('is shared by every gateway of a deployment on PostgreSQL: what one cached the other serves, what one wrote the other shows; without the store they still answer', async () => {
    const location = await freshDatabase('postgresql', 'shared_cache');
    if (location.kind !== 'postgresql') throw new Error('expected a PostgreSQL database');
    const shared = { store: 'postgresql', url: location.url } as const;
    const config = {
      port: 0,
      host: '127.0.0.1',
      supergraphPath: defaultSupergraphPath(),
      divisions: [...system.divisions.entries()].map(([code, service]) => ({ code, url: service.url })),
      subgraphUrls: { joint: system.joint.url, lodging: system.lodging.url },
      auth: { secret: TEST_AUTH_SECRET },
      contextSecret: TEST_CONTEXT_SECRET,
      production: false,
      publicRateLimit: { capacity: 100_000, refillPerSecond: 100_000 },
      responseCache: shared,
    };
    const silent = createLogger('gateway', 'silent');
    const gateways: Gateway[] = [await createGateway(config, silent), await createGateway(config, silent)];
    try {
      const [one, other] = gateways.map((gateway) => gateway.url) as [string, string];
      const query = `query Shared { divisions { code checklist { code } } }`;
      expect((await ask(one, query)).divisionReads).toBeGreaterThan(0);
      const served = await ask(other, query);
      expect(served.divisionReads).toBe(0);
      expect(served.body.errors).toBeUndefined();

      const admin = await tokens.divisionAdmin('ZA');
      expect((await ask(other, SAVE_ITEM, admin, { d: 'ZA', i: newItem('ZA-903') })).body.errors).toBeUndefined();
      const after = await ask(one, query);
      expect(itemCodes(after, 'ZA')).toContain('ZA-903');
      expect(after.divisionReads).toBeGreaterThan(0);

      // The shared store fails (here: its table is gone): answers come from the subgraphs, nobody is refused.
      const client = new Client({ connectionString: shared.url });
      await client.connect();
      await client.query('DROP TABLE gateway_response_cache');
      await client.end();
      for (const url of [one, other]) {
        const answer = await ask(url, query);
        expect(answer.status).toBe(200);
        expect(itemCodes(answer, 'ZA')).toContain('ZA-903');
        expect(answer.divisionReads).toBeGreaterThan(0);
      }
      expect((await ask(one, SAVE_ITEM, admin, { d: 'ZA', i: newItem('ZA-905') })).body.errors).toBeUndefined();
    } finally {
      for (const gateway of gateways) await gateway.stop();
    }
  });
});
