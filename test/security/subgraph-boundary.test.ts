/**
 * A subgraph refuses before it reads: a request without a valid gateway
 * context is answered before its body is parsed, bodies are capped at what
 * the gateway can send, and every error — a broken body, an unknown path —
 * is JSON without internals, in development as in production. Context tokens
 * must expire, and within the lifetime the gateway gives them.
 */
import { SignJWT } from 'jose';
import { CONTEXT_HEADER, contextKey, CONTEXT_LIFETIME_SECONDS, signContext } from '../../common/context-token';
import { SUBGRAPH_BODY_LIMIT_BYTES } from '../../common/request-limits';
import { startTestDivision } from '../support/services';
import { TEST_CONTEXT_SECRET, viewers } from '../support/graphql';
import type { DivisionService } from '../../subgraphs/division/src/app';

let division: DivisionService;

beforeAll(async () => {
  division = await startTestDivision({ code: 'ZA' });
});

afterAll(() => division.stop());

const key = contextKey(TEST_CONTEXT_SECRET);
const now = () => Math.floor(Date.now() / 1000);

async function post(body: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; type: string; text: string; json: any }> {
  const response = await fetch(division.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, type: response.headers.get('content-type') ?? '', text, json };
}

function expectCleanJson(answer: { type: string; text: string; json: any }, code: string): void {
  expect(answer.type).toMatch(/application\/json/);
  expect(answer.json?.errors?.map((error: any) => error.extensions?.code)).toEqual([code]);
  expect(answer.text).not.toMatch(/<html|<pre|stack|node_modules|\.js:\d+|\.ts:\d+|\/work\//i);
}

const signed = async () => ({ [CONTEXT_HEADER]: await signContext(viewers.coordinator, key) });

describe('without a valid gateway context nothing is read', () => {
  it('a body larger than any the gateway sends, without a context, is refused as unauthenticated, not parsed', async () => {
    const huge = Buffer.alloc(SUBGRAPH_BODY_LIMIT_BYTES * 6, 0x20);
    huge.write('{"query":"{ divisions { code } }","pad":"');
    const answer = await post(huge);
    expect(answer.status).toBe(401);
    expectCleanJson(answer, 'UNAUTHENTICATED');
  });

  it('a broken body without a context is refused as unauthenticated too', async () => {
    const answer = await post('{"query": ');
    expect(answer.status).toBe(401);
    expectCleanJson(answer, 'UNAUTHENTICATED');
  });
});

describe('with a valid context', () => {
  it('a body over the cap is 413 JSON', async () => {
    const answer = await post(JSON.stringify({ query: '{ divisions { code } }', variables: { pad: 'x'.repeat(SUBGRAPH_BODY_LIMIT_BYTES) } }), await signed());
    expect(answer.status).toBe(413);
    expectCleanJson(answer, 'PAYLOAD_TOO_LARGE');
  });

  it('broken JSON is 400 JSON, never an HTML page with a stack trace', async () => {
    const answer = await post('{"query": "{ divisions { code } }"', await signed());
    expect(answer.status).toBe(400);
    expectCleanJson(answer, 'BAD_REQUEST');
  });

  it('an unknown path is 404 JSON', async () => {
    const response = await fetch(division.url.replace(/\/graphql$/, '/no-such-page'), { headers: await signed() });
    const text = await response.text();
    expect(response.status).toBe(404);
    expectCleanJson({ type: response.headers.get('content-type') ?? '', text, json: JSON.parse(text) }, 'NOT_FOUND');
  });

  it('an ordinary request is answered', async () => {
    const answer = await post(JSON.stringify({ query: '{ divisions { code } }' }), await signed());
    expect(answer.status).toBe(200);
    expect(answer.json.data.divisions).toEqual([{ code: 'ZA' }]);
  });
});

describe('context tokens must expire, within the lifetime the gateway gives', () => {
  const token = (claims: { iat?: number; exp?: number }) => {
    const jwt = new SignJWT({ name: 'x', roles: ['coordinator'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('c')
      .setIssuer('ssj-gateway')
      .setAudience('ssj-subgraph');
    if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
    if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
    return jwt.sign(key);
  };
  const query = JSON.stringify({ query: '{ divisions { code } }' });

  it.each([
    ['without exp', { iat: now() }],
    ['without iat', { exp: now() + 30 }],
    ['valid for a day', { iat: now(), exp: now() + 86_400 }],
    ['valid for twice the lifetime', { iat: now(), exp: now() + 2 * CONTEXT_LIFETIME_SECONDS }],
    ['issued an hour from now', { iat: now() + 3600, exp: now() + 3600 + 30 }],
    ['expired', { iat: now() - 120, exp: now() - 60 }],
  ])('refuses a token %s', async (_name, claims) => {
    const answer = await post(query, { [CONTEXT_HEADER]: await token(claims) });
    expect(answer.status).toBe(401);
    expectCleanJson(answer, 'UNAUTHENTICATED');
  });

  it('accepts a token within the lifetime', async () => {
    const answer = await post(query, { [CONTEXT_HEADER]: await token({ iat: now(), exp: now() + CONTEXT_LIFETIME_SECONDS }) });
    expect(answer.status).toBe(200);
  });
});
