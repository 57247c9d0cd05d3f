import { CONTEXT_HEADER, contextKey, signContext } from '../../common/context-token';
import type { Viewer } from '../../common/viewer';

export const TEST_CONTEXT_SECRET = 'test-context-secret-0123456789abcdef';

export interface GraphQLResult<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
  body: any;
}

export async function postGraphQL<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = { raw: text };
  }
  return { status: response.status, data: body.data, errors: body.errors, body };
}

/** Calls a subgraph the way the gateway does: with a context token signed for `viewer`. */
export async function asViewer(viewer: Viewer, secret = TEST_CONTEXT_SECRET): Promise<Record<string, string>> {
  return { [CONTEXT_HEADER]: await signContext(viewer, contextKey(secret)) };
}

export const viewers = {
  anonymous: { sub: 'anonymous', name: '公众', roles: [] } as Viewer,
  coordinator: { sub: 'coord-1', name: '联席办 张协调', roles: ['coordinator'] } as Viewer,
  supervisor: { sub: 'sup-1', name: '督查 李监督', roles: ['supervisor'] } as Viewer,
  analyst: { sub: 'bi-1', name: '数据分析', roles: ['analyst'] } as Viewer,
  divisionAdmin: (division: string): Viewer => ({ sub: `admin-${division}`, name: `${division} 管理员`, roles: ['division_admin'], division }),
  inspector: (division: string, inspector: string): Viewer => ({
    sub: `insp-${inspector}`,
    name: `检查员 ${inspector}`,
    roles: ['inspector'],
    division,
    inspector,
  }),
  service: (service: 'gateway' | 'joint' = 'joint'): Viewer => ({ sub: service, name: service, roles: [], service }),
};

/** The codes of a result's errors, for assertions. */
export function errorCodes(result: GraphQLResult): string[] {
  return (result.errors ?? []).map((error) => String(error.extensions?.code));
}
