/**
 * How the conformance rules talk to a division system: exactly as the gateway
 * and the joint subgraph do — HTTP POST of a JSON GraphQL request with a
 * context token signed with CONTEXT_SECRET in `x-ssj-context` — plus the
 * deliberately wrong requests (no token, a foreign key, expired, `alg: none`)
 * a conforming system must refuse.
 */
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { CONTEXT_HEADER, REQUEST_ID_HEADER, signContext } from '../../../common/context-token';
import type { Viewer } from '../../../common/viewer';

export interface ContractResponse {
  status: number;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  body?: { data?: Record<string, unknown> | null; errors?: Array<{ message?: string; path?: unknown[]; extensions?: Record<string, unknown> }> };
  /** The body as text, for messages when it is not JSON. */
  text: string;
}

/** The gateway's probe timeout: a system slower than this is reported down. */
export const REQUEST_TIMEOUT_MS = 3000;

export type TokenFlavour = 'valid' | 'none' | 'foreign-key' | 'expired' | 'wrong-audience' | 'alg-none';

export class ContractClient {
  private readonly key: Uint8Array;

  constructor(
    readonly url: string,
    secret: string,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** `GET /health` beside the GraphQL path (`…/graphql` → `…/health`). */
  healthUrl(): string {
    return new URL('health', this.url).toString();
  }

  async get(url: string): Promise<ContractResponse> {
    const response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    return readResponse(response);
  }

  /** A request signed for `viewer`, as the gateway sends it. */
  async post(
    viewer: Viewer,
    query: string,
    variables: Record<string, unknown> = {},
    requestId: string = `conformance-${randomUUID()}`,
  ): Promise<ContractResponse> {
    const token = await signContext({ ...viewer, requestId }, this.key);
    return this.send(query, variables, { [CONTEXT_HEADER]: token, [REQUEST_ID_HEADER]: requestId });
  }

  /** A request with a deliberately missing or wrong context token. */
  async postWith(flavour: Exclude<TokenFlavour, 'valid'>, viewer: Viewer, query: string): Promise<ContractResponse> {
    const headers: Record<string, string> = {};
    if (flavour !== 'none') headers[CONTEXT_HEADER] = await this.wrongToken(flavour, viewer);
    return this.send(query, {}, headers);
  }

  private async send(query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<ContractResponse> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    return readResponse(response);
  }

  private async wrongToken(flavour: Exclude<TokenFlavour, 'valid' | 'none'>, viewer: Viewer): Promise<string> {
    const claims = { name: viewer.name, roles: viewer.roles, ...(viewer.service ? { service: viewer.service } : {}) };
    const now = Math.floor(Date.now() / 1000);
    if (flavour === 'alg-none') {
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      return `${part({ alg: 'none', typ: 'JWT' })}.${part({ ...claims, sub: viewer.sub, iss: 'ssj-gateway', aud: 'ssj-subgraph', iat: now, exp: now + 60 })}.`;
    }
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(viewer.sub).setIssuer('ssj-gateway');
    if (flavour === 'foreign-key') {
      return jwt
        .setAudience('ssj-subgraph')
        .setIssuedAt(now)
        .setExpirationTime(now + 60)
        .sign(new TextEncoder().encode(`not-the-context-secret-${randomUUID()}`));
    }
    if (flavour === 'expired')
      return jwt
        .setAudience('ssj-subgraph')
        .setIssuedAt(now - 600)
        .setExpirationTime(now - 300)
        .sign(this.key);
    return jwt
      .setAudience('some-other-service')
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(this.key);
  }
}

async function readResponse(response: Response): Promise<ContractResponse> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as ContractResponse['body'];
    return { status: response.status, body: typeof body === 'object' && body !== null ? body : undefined, text };
  } catch {
    return { status: response.status, text };
  }
}

/** The codes of a response's errors, in order. */
export function errorCodes(response: ContractResponse): string[] {
  return (response.body?.errors ?? []).map((error) => String(error.extensions?.code ?? '(no code)'));
}

/** A short account of a response for a failure message: status, codes and the start of the body. */
export function describe(response: ContractResponse): string {
  const codes = errorCodes(response);
  const body = response.text.length > 300 ? `${response.text.slice(0, 300)}…` : response.text;
  return `HTTP ${response.status}${codes.length ? `, error codes ${codes.join(', ')}` : ''}: ${body}`;
}
