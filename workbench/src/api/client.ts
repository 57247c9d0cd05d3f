import { useCallback, useEffect, useRef, useState } from 'react';
import type { Session } from '../auth/session';

/**
 * The workbench's GraphQL client: typed operations (the document with the types of its
 * answer and its variables), sent to the gateway on this origin with the tab's access
 * token. The API's own error messages are what the person sees.
 */
export interface Operation<TData, TVariables> {
  document: string;
  /** Carries the types only; never set. */
  readonly types?: { data: TData; variables: TVariables };
}

export function operation<TData, TVariables = Record<string, never>>(document: string): Operation<TData, TVariables> {
  return { document };
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    /** The input field the API named, when it named one. */
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

let session: Session | null = null;
let endpoint = '/graphql';

export function configureClient(options: { session: Session; endpoint: string }): void {
  session = options.session;
  endpoint = options.endpoint;
}

async function send(document: string, variables: unknown, token: string | null): Promise<Response> {
  return fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: document, variables }),
  });
}

export async function request<TData, TVariables>(op: Operation<TData, TVariables>, variables: TVariables): Promise<TData> {
  let response: Response;
  try {
    let token = (await session?.accessToken()) ?? null;
    response = await send(op.document, variables, token);
    if (response.status === 401 && token && session) {
      token = (await session.renew())?.accessToken ?? null;
      if (!token) throw new ApiError('登录已过期，请重新登录。', 'UNAUTHENTICATED');
      response = await send(op.document, variables, token);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('无法连接服务器，请检查网络后重试。', 'NETWORK');
  }
  if (response.status === 429) throw new ApiError('请求过于频繁，请稍后再试。', 'RATE_LIMITED');
  const answer = (await response.json().catch(() => ({}))) as GraphQLAnswer<TData>;
  const first = answer.errors?.[0];
  if (first) {
    if (first.extensions?.code === 'UNAUTHENTICATED') session?.expire();
    throw new ApiError(first.message, first.extensions?.code ?? null, first.extensions?.field ?? null);
  }
  if (!answer.data) throw new ApiError(`服务器没有给出答复（HTTP ${response.status}），请稍后再试。`, 'NO_DATA');
  return answer.data;
}

export interface QueryState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

/** Runs a query when the component mounts and whenever its variables change. */
export function useQuery<TData, TVariables>(op: Operation<TData, TVariables>, variables: TVariables, options: { skip?: boolean } = {}): QueryState<TData> {
  const [state, setState] = useState<{ data: TData | null; error: ApiError | null; loading: boolean }>({ data: null, error: null, loading: !options.skip });
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(variables);
  const latest = useRef(0);
  useEffect(() => {
    if (options.skip) return;
    const ticket = ++latest.current;
    setState((previous) => ({ ...previous, loading: true }));
    request(op, JSON.parse(key) as TVariables).then(
      (data) => ticket === latest.current && setState({ data, error: null, loading: false }),
      (error: unknown) => ticket === latest.current && setState({ data: null, error: asApiError(error), loading: false }),
    );
  }, [op, key, generation, options.skip]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, reload };
}

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(error instanceof Error ? error.message : String(error), null);
}

/**
 * A request to another endpoint of the gateway (an upload, an export) with the tab's access token,
 * renewed and sent once more when the gateway answered 401, as `request` does.
 */
export async function authorizedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const withToken = (token: string | null) =>
    fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  try {
    const token = (await session?.accessToken()) ?? null;
    const response = await withToken(token);
    if (response.status !== 401 || !token || !session) return response;
    const renewed = (await session.renew())?.accessToken ?? null;
    if (!renewed) throw new ApiError('登录已过期，请重新登录。', 'UNAUTHENTICATED');
    return await withToken(renewed);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('无法连接服务器，请检查网络后重试。', 'NETWORK');
  }
}
