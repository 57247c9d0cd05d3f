/**
 * Every request of the hostile corpus through a real gateway: each gets the
 * answer the corpus names (a stable code, never INTERNAL_SERVER_ERROR, never a
 * stack trace or an internal URL), every service stays up, and no refused
 * request changes stored data.
 */
import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { CONTEXT_HEADER, contextKey, signContext } from '../../common/context-token';
import { TEST_CONTEXT_SECRET, viewers } from '../support/graphql';
import { startTestSystem, type TestSystem } from '../support/system';
import { TEST_AUTH_SECRET, tokens, userToken } from '../support/tokens';
import { GROUPS, HOSTILE_CORPUS, type HostileCase, type TokenKind } from './hostile-corpus';

jest.setTimeout(180_000);

let system: TestSystem;
let supervisor: string;
let auditBefore: Record<string, number>;

const encoder = new TextEncoder();
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

function hs256(header: unknown, payload: string): string {
  const signingInput = `${b64(header)}.${payload}`;
  return `${signingInput}.${createHmac('sha256', TEST_AUTH_SECRET).update(signingInput).digest('base64url')}`;
}

async function signed(
  claims: Record<string, unknown>,
  options: { alg?: string; secret?: string; expires?: boolean; subject?: string | null; iat?: number; nbf?: number } = {},
): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? 'HS256' }).setIssuedAt(options.iat);
  if (options.subject !== null) jwt.setSubject(options.subject ?? 'hostile-user');
  if (options.expires !== false) jwt.setExpirationTime(now() + 3600);
  if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
  return jwt.sign(encoder.encode(options.secret ?? TEST_AUTH_SECRET));
}

/** The Authorization header a case sends. */
async function authorization(kind: TokenKind): Promise<string> {
  const bearer = (token: string) => `Bearer ${token}`;
  switch (kind) {
    case 'coordinator':
      return bearer(await tokens.coordinator());
    case 'supervisor':
      return bearer(await tokens.supervisor());
    case 'analyst':
      return bearer(await tokens.analyst());
    case 'admin:ZA':
      return bearer(await tokens.divisionAdmin('ZA'));
    case 'inspector:ZA-0002':
      return bearer(await tokens.inspector('ZA', 'ZA-0002'));
    case 'expired':
      return bearer(await userToken({ roles: ['coordinator'] }, { expiresIn: '-1h' }));
    case 'issued-in-the-future':
      return bearer(await signed({ roles: ['coordinator'] }, { iat: now() + 86_400 }));
    case 'not-yet-valid':
      return bearer(await signed({ roles: ['coordinator'] }, { nbf: now() + 86_400 }));
    case 'wrong-key':
      return bearer(await userToken({ roles: ['supervisor'] }, { secret: 'another-auth-secret-0123456789abcdef' }));
    case 'signed-with-context-secret':
      return bearer(await userToken({ roles: ['supervisor'] }, { secret: TEST_CONTEXT_SECRET }));
    case 'alg-none':
      return bearer(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', roles: ['supervisor'], exp: now() + 600 })}.`);
    case 'alg-hs512':
      return bearer(await signed({ roles: ['supervisor'] }, { alg: 'HS512' }));
    case 'unknown-role':
      return bearer(await signed({ roles: ['admin', 'root'] }));
    case 'no-roles':
      return bearer(await signed({ roles: [] }));
    case 'roles-not-a-list':
      return bearer(await signed({ roles: 'coordinator' }));
    case 'roles-numbers':
      return bearer(await signed({ roles: [1, 2] }));
    case 'admin-without-division':
      return bearer(await signed({ roles: ['division_admin'] }));
    case 'admin-lowercase-division':
      return bearer(await signed({ roles: ['division_admin'], division: 'za' }));
    case 'admin-injected-division':
      return bearer(await signed({ roles: ['division_admin'], division: "ZA' OR 1=1 --" }));
    case 'inspector-without-id':
      return bearer(await signed({ roles: ['inspector'], division: 'ZA' }));
    case 'inspector-without-division':
      return bearer(await signed({ roles: ['inspector'], inspector: 'ZA-0002' }));
    case 'no-expiry':
      return bearer(await signed({ roles: ['coordinator'] }, { expires: false }));
    case 'no-subject':
      return bearer(await signed({ roles: ['coordinator'] }, { subject: null }));
    case 'empty-subject':
      return bearer(await signed({ roles: ['coordinator'] }, { subject: '' }));
    case 'payload-not-json':
      return bearer(hs256({ alg: 'HS256', typ: 'JWT' }, b64('{"sub": "x", "roles": ["supervisor"')));
    case 'garbage':
      return bearer('not-a-jwt');
    case 'three-empty-parts':
      return bearer('..');
    case 'empty-bearer':
      return 'Bearer ';
    case 'basic-auth':
      return `Basic ${Buffer.from('admin:admin').toString('base64')}`;
    case 'two-tokens': {
      const token = await tokens.coordinator();
      return `Bearer ${token} ${token}`;
    }
    case 'huge':
      return bearer('a'.repeat(100_000));
  }
}

/** A gateway context token the client forges. */
async function forgedContext(kind: NonNullable<HostileCase['forgedContext']>): Promise<string> {
  switch (kind) {
    case 'supervisor':
      return signContext(viewers.supervisor, contextKey(TEST_CONTEXT_SECRET));
    case 'supervisor-wrong-key':
      return signContext(viewers.supervisor, contextKey('another-context-secret-0123456789abcdef'));
    case 'supervisor-expired':
      return new SignJWT({ name: 'x', roles: ['supervisor'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('sup-1')
        .setIssuer('ssj-gateway')
        .setAudience('ssj-subgraph')
        .setIssuedAt(now() - 7200)
        .setExpirationTime(now() - 3600)
        .sign(contextKey(TEST_CONTEXT_SECRET));
    case 'user-token':
      return tokens.supervisor();
    case 'alg-none':
      return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'sup-1', roles: ['supervisor'], iss: 'ssj-gateway', aud: 'ssj-subgraph', exp: now() + 60 })}.`;
  }
}

interface Answer {
  status: number;
  text: string;
  body: any;
}

function targetUrl(target: HostileCase['target']): string {
  if (!target || target === 'gateway') return system.gateway.url;
  if (target === 'joint') return system.joint.url;
  return system.divisions.get(target.slice('division:'.length))!.url;
}

async function send(hostile: HostileCase): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (hostile.token) headers.authorization = await authorization(hostile.token);
  if (hostile.forgedContext) headers[CONTEXT_HEADER] = await forgedContext(hostile.forgedContext);
  let url = targetUrl(hostile.target);
  let init: RequestInit;
  if (hostile.operation) {
    init = { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(hostile.operation) };
  } else {
    const http = hostile.http!;
    url += http.search ?? '';
    // A Buffer body goes out without a content type unless the case names one.
    init = { method: http.method, headers: { ...http.headers, ...headers }, body: http.body === undefined ? undefined : Buffer.from(http.body, 'utf8') };
  }
  const response = await fetch(url, init);
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, text, body };
}

function valueAt(data: unknown, path: string): unknown {
  return path.split('.').reduce<any>((value, key) => (value === null || value === undefined ? undefined : value[key]), data);
}

/** What every answer owes, whatever the request: no server error, no stack, no internal address, only stable codes. */
function expectNothingLeaks(answer: Answer): void {
  expect(answer.status).toBeLessThan(500);
  expect(answer.text).not.toMatch(/INTERNAL_SERVER_ERROR/);
  expect(answer.text).not.toMatch(/stacktrace/i);
  expect(answer.text).not.toMatch(/\bat [^\s]+ \(?[^\s]*:\d+:\d+\)?/);
  expect(answer.text).not.toMatch(/node_modules|\/work\/|\.ts:\d+|\.js:\d+/);
  expect(answer.text).not.toMatch(/ECONNREFUSED|SQLITE_|sqlite3?|knex|mikro-?orm|syntax error at or near/i);
  const internal = [system.joint.url, ...[...system.divisions.values()].map((division) => division.url)].map((url) => new URL(url).host);
  for (const host of internal) expect(answer.text).not.toContain(host);
  for (const error of answer.body?.errors ?? []) {
    expect(typeof error.extensions?.code).toBe('string');
    expect(error.extensions.code).not.toBe('INTERNAL_SERVER_ERROR');
    expect(error.extensions.stacktrace).toBeUndefined();
  }
}

function expectAnswer(hostile: HostileCase, answer: Answer): void {
  const { status, codes, success, orSuccess, data } = hostile.expect;
  if (status !== undefined) expect([status].flat()).toContain(answer.status);
  const answeredNormally = answer.status === 200 && answer.body?.errors === undefined && answer.body?.data !== undefined;
  if (codes && !(orSuccess && answeredNormally)) {
    const received = (answer.body?.errors ?? []).map((error: any) => error.extensions?.code);
    expect(received.length).toBeGreaterThan(0);
    for (const code of received) expect(codes).toContain(code);
  }
  if (success) {
    expect(answer.status).toBe(200);
    expect(answer.body?.errors).toBeUndefined();
    expect(answer.body?.data).toBeDefined();
  }
  if (data) expect(valueAt(answer.body?.data, data.path)).toEqual(data.equals);
}

/**
 * The changes each audit log holds, its chain verified. Refused attempts are not
 * counted: some requests of the corpus are signed-in writes the caller's role or
 * division does not allow, and such an attempt is recorded as a refusal
 * (`common/audit/refusal-audit.ts`). So the corpus may add refusal entries, never a change.
 */
async function auditLengths(): Promise<Record<string, number>> {
  const log = `auditChain { ok } auditTrail(refused: false, first: 0) { totalCount }`;
  const result = await system.query(`{ ${log} za: division(code: "ZA") { ${log} } wa: division(code: "WA") { ${log} } }`, {}, supervisor);
  expect(result.errors).toBeUndefined();
  expect([result.data.auditChain.ok, result.data.za.auditChain.ok, result.data.wa.auditChain.ok]).toEqual([true, true, true]);
  return { joint: result.data.auditTrail.totalCount, ZA: result.data.za.auditTrail.totalCount, WA: result.data.wa.auditTrail.totalCount };
}

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA'], seed: 'demo' });
  supervisor = await tokens.supervisor();
  auditBefore = await auditLengths();
});

afterAll(() => system?.stop());

describe('the corpus', () => {
  it('has at least 200 requests, each named once', () => {
    expect(HOSTILE_CORPUS.length).toBeGreaterThanOrEqual(200);
    expect(new Set(HOSTILE_CORPUS.map((hostile) => hostile.id)).size).toBe(HOSTILE_CORPUS.length);
    for (const hostile of HOSTILE_CORPUS) {
      expect(Boolean(hostile.operation) !== Boolean(hostile.http)).toBe(true);
      expect(Object.keys(hostile.expect).length).toBeGreaterThan(0);
    }
  });
});

describe.each(GROUPS)('hostile input — %s', (group) => {
  const batch = HOSTILE_CORPUS.filter((hostile) => hostile.group === group);

  it.each(batch.map((hostile) => [hostile.id, hostile] as const))('%s', async (_id, hostile) => {
    const answer = await send(hostile);
    expectNothingLeaks(answer);
    expectAnswer(hostile, answer);
  });

  it('leaves the gateway and every subgraph up', async () => {
    const urls = [system.gateway.url, system.joint.url, ...[...system.divisions.values()].map((division) => division.url)];
    for (const url of urls) {
      const health = await fetch(url.replace(/\/graphql$/, '/health'));
      expect({ url, status: health.status }).toEqual({ url, status: 200 });
    }
    const ready = await fetch(system.gateway.url.replace(/\/graphql$/, '/ready'));
    expect(ready.status).toBe(200);
    const publicList = await system.query(`{ divisions { code checklist { code } } }`);
    expect(publicList.errors).toBeUndefined();
    expect(publicList.data.divisions.map((division: { code: string }) => division.code)).toEqual(['ZA', 'WA']);
  });
});

describe('after the whole corpus', () => {
  it('no refused request changed stored data: every audit chain is intact and holds no change it did not hold before', async () => {
    expect(await auditLengths()).toEqual(auditBefore);
  });
});
