import { startTestDivision } from '../support/services';
import { startTestSystem, type TestSystem } from '../support/system';
import { tokens, userToken } from '../support/tokens';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA', 'CRJ'], seed: 'demo' });
});

afterAll(() => system.stop());

const codes = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => (result.errors ?? []).map((error) => error.extensions?.code);

describe('one operation across division instances', () => {
  it('reads the public item lists of every division, concatenated in configuration order', async () => {
    const result = await system.query(`{ divisions { code name checklist { code name } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.divisions.map((division: { code: string }) => division.code)).toEqual(['ZA', 'WA', 'CRJ']);
    expect(result.data.divisions[1]).toMatchObject({
      name: '网络安全保卫支队',
      checklist: expect.arrayContaining([expect.objectContaining({ code: 'WA-003' })]),
    });
  });

  it("reads three divisions' directories in one operation, each from its own instance", async () => {
    const result = await system.query(
      `query { za: division(code: "ZA") { name targets(category: "旅馆", first: 2) { totalCount edges { node { division uscc name } } } }
               wa: division(code: "WA") { name targets(category: "旅馆", first: 2) { totalCount edges { node { division uscc } } } }
               crj: division(code: "CRJ") { name inspectors(first: 1) { totalCount edges { node { division id } } } } }`,
      {},
      await tokens.coordinator(),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.za.targets.edges.every((edge: any) => edge.node.division === 'ZA')).toBe(true);
    expect(result.data.wa.targets.edges.every((edge: any) => edge.node.division === 'WA')).toBe(true);
    expect(result.data.crj.inspectors.edges[0].node.division).toBe('CRJ');
    expect(result.data.za.targets.totalCount).toBeGreaterThan(result.data.wa.targets.totalCount);
  });

  it('fills in variable defaults before routing', async () => {
    const result = await system.query(`query Pick($code: ID! = "WA") { division(code: $code) { code name } }`);
    expect(result.data.division).toEqual({ code: 'WA', name: '网络安全保卫支队' });
  });

  it('routes a mutation to the division it names, and refuses a division that is not configured', async () => {
    const token = await tokens.divisionAdmin('WA');
    const saved = await system.query(
      `mutation { saveInspector(division: "WA", input: { id: "WA-9001", name: "测试员", unit: "网安支队", position: "民警", expertise: ["网络安全"], certificateNo: "豫公执字WA9001", certificateValidUntil: "2029-01-01" }) { division id } }`,
      {},
      token,
    );
    expect(saved.errors).toBeUndefined();
    expect(saved.data.saveInspector).toEqual({ division: 'WA', id: 'WA-9001' });
    const unknown = await system.query(`{ division(code: "XX") { name } }`);
    expect(unknown.data.division).toBeNull();
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'UNKNOWN_DIVISION', division: 'XX' });
  });

  it('keeps the internal pool query out of the public schema', async () => {
    const result = await system.query(`{ drawPool(division: "ZA", categories: ["旅馆"]) { division } }`, {}, await tokens.coordinator());
    expect(codes(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

describe('a division instance that is down', () => {
  it('affects only its own part, and recovers without restarting the gateway', async () => {
    const wa = system.divisions.get('WA')!;
    const port = wa.port;
    await wa.stop();
    const token = await tokens.coordinator();
    const during = await system.query(`{ za: division(code: "ZA") { name } wa: division(code: "WA") { name } all: divisions { code } }`, {}, token);
    expect(during.data.za).toEqual({ name: '治安管理支队' });
    expect(during.data.wa).toBeNull();
    expect(during.data.all.map((division: { code: string }) => division.code)).toEqual(['ZA', 'CRJ']);
    const unavailable = during.errors!.filter((error) => error.extensions?.code === 'DIVISION_UNAVAILABLE');
    expect(unavailable.length).toBeGreaterThanOrEqual(1);
    expect(unavailable.every((error) => error.extensions?.division === 'WA')).toBe(true);

    const ready = await fetch(system.gateway.url.replace('/graphql', '/ready'));
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as any).subgraphs['division:WA']).toMatchObject({ ok: false });

    const restarted = await startTestDivision({ code: 'WA', port, location: wa.location });
    system.divisions.set('WA', restarted);
    const after = await system.query(`{ wa: division(code: "WA") { name } }`, {}, token);
    expect(after.errors).toBeUndefined();
    expect(after.data.wa).toEqual({ name: '网络安全保卫支队' });
    const readyAgain = await fetch(system.gateway.url.replace('/graphql', '/ready'));
    expect(readyAgain.status).toBe(200);
  });
});

describe('identity', () => {
  it('refuses expired, wrongly signed and alg:none tokens with 401', async () => {
    const expired = await userToken({ roles: ['coordinator'] }, { expiresIn: '-1m' });
    const wrongKey = await userToken({ roles: ['coordinator'] }, { secret: 'another-secret-0123456789abcdefghij' });
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'x', roles: ['supervisor'], exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
    for (const token of [expired, wrongKey, `${header}.${payload}.`]) {
      const result = await system.query(`{ divisions { code } }`, {}, token);
      expect(result.status).toBe(401);
      expect(codes(result)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('passes the verified identity on: a division admin reads only its own directory', async () => {
    const token = await tokens.divisionAdmin('ZA');
    const own = await system.query(`{ division(code: "ZA") { targets(first: 1) { totalCount } } }`, {}, token);
    expect(own.errors).toBeUndefined();
    const other = await system.query(`{ division(code: "WA") { targets(first: 1) { totalCount } } }`, {}, token);
    expect(codes(other)).toEqual(['FORBIDDEN']);
  });
});

describe('limits', () => {
  it('refuses more than 30 aliases and more than the token limit', async () => {
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: divisions { code }`).join(' ')} }`;
    const refused = await system.query(aliases);
    expect(codes(refused)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(refused.errors![0]!.message).toMatch(/alias/i);
    const thirty = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: divisions { code }`).join(' ')} }`;
    expect((await system.query(thirty)).errors).toBeUndefined();
    const tokenBomb = `{ divisions { ${'code '.repeat(4000)} } }`;
    const bombed = await system.query(tokenBomb);
    expect(bombed.errors?.[0]?.message).toMatch(/token/i);
  });

  it('refuses a directive bomb', async () => {
    const directives = `{ divisions ${'@include(if: true) '.repeat(50)} { code } }`;
    const result = await system.query(directives);
    expect(result.errors?.[0]?.message).toMatch(/directive/i);
  });

  it('refuses a 3 MB body with 413 and malformed JSON with 400', async () => {
    const big = await fetch(system.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ divisions { code } }', variables: { pad: 'x'.repeat(3 * 1024 * 1024) } }),
    });
    expect(big.status).toBe(413);
    const bad = await fetch(system.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ divisions { code } }"',
    });
    expect(bad.status).toBe(400);
  });

  it('refuses batched requests and mutations over GET', async () => {
    const batch = await fetch(system.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ divisions { code } }' }, { query: '{ divisions { name } }' }]),
    });
    expect(batch.status).toBe(400);
    const get = await fetch(
      `${system.gateway.url}?query=${encodeURIComponent('mutation { declareConflict(division:"ZA", inspector:"ZA-0001", uscc:"x", reason:"y") { id } }')}`,
      { headers: { 'apollo-require-preflight': 'true' } },
    );
    expect(get.status).toBe(405);
  });
});
