/**
 * How the bench talks to the system: user tokens for our gateway (it verifies
 * them, as in production), and ready-signed context tokens for the gateways
 * and subgraphs that do not (plain @apollo/gateway, Hive Gateway, direct
 * calls), which pass the `x-ssj-context` header through unchanged.
 */
import { SignJWT } from 'jose';
import { CONTEXT_HEADER, contextKey, signContext } from '../../common/context-token';
import type { Role, Viewer } from '../../common/viewer';

export interface UserClaims {
  sub: string;
  name: string;
  roles: Role[];
  division?: string;
  inspector?: string;
}

export const USERS = {
  coordinator: { sub: 'bench-coordinator', name: '联席办 基准测试', roles: ['coordinator'] } as UserClaims,
  supervisor: { sub: 'bench-supervisor', name: '督查 基准测试', roles: ['supervisor'] } as UserClaims,
  divisionAdmin: (division: string): UserClaims => ({ sub: `bench-admin-${division}`, name: `${division} 管理员`, roles: ['division_admin'], division }),
  inspector: (division: string, inspector: string): UserClaims => ({
    sub: `bench-${inspector}`,
    name: `检查员 ${inspector}`,
    roles: ['inspector'],
    division,
    inspector,
  }),
  /** 法制审核 of a division: approves the results of its items before publication. */
  reviewer: (division: string): UserClaims => ({ sub: `bench-reviewer-${division}`, name: `${division} 法制审核`, roles: ['reviewer'], division }),
};

/** A user token as the bureau's identity provider issues it (HS256 with AUTH_SECRET), valid for two hours. */
export async function userToken(claims: UserClaims, authSecret: string): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(authSecret));
}

/**
 * The header our gateway would add for this user: a context token (60 s
 * lifetime), so sign one per measurement phase.
 */
export async function contextHeader(claims: UserClaims | undefined, contextSecret: string): Promise<Record<string, string>> {
  const viewer: Viewer = claims ? { ...claims } : { sub: 'anonymous', name: '公众', roles: [] };
  return { [CONTEXT_HEADER]: await signContext(viewer, contextKey(contextSecret)) };
}

export interface GraphQLResponse<T> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
  bytes: number;
}

export async function post<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: { data?: T; errors?: GraphQLResponse<T>['errors'] };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${url} answered HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 300)}`);
  }
  return { status: response.status, data: body.data, errors: body.errors, bytes: text.length };
}

/** The data of a response without errors; throws with the errors otherwise. */
export function dataOf<T>(response: GraphQLResponse<T>, what: string): T {
  if (response.errors?.length || !response.data) {
    throw new Error(`${what} failed (HTTP ${response.status}): ${JSON.stringify(response.errors ?? 'no data').slice(0, 1000)}`);
  }
  return response.data;
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
