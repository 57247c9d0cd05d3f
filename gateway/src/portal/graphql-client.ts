import { internalCallHeaders } from '../rate-limit';

/**
 * How the portal and the exports read data: over HTTP through the gateway's own
 * /graphql, exactly as any outside client would. The portal sends no token, so it
 * can show nothing the anonymous public API does not; the exports pass on the
 * caller's own Authorization header, so they can show nothing that caller could
 * not query themselves.
 */
export interface GraphQLErrorShape {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLReply<T> {
  data: T | null;
  errors: GraphQLErrorShape[];
}

/** The API could not be reached or answered with something that is not GraphQL: a 503 for the visitor. */
export class ApiUnavailableError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** The API refused the request as a whole (bad cursor, bad argument, not allowed). */
export class ApiRefusedError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface CallOptions {
  /** The caller's Authorization header, passed on unchanged (exports only). */
  authorization?: string;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** Sends one operation; resolves with data and errors as GraphQL gave them, or throws ApiUnavailableError. */
export async function callGraphQL<T>(url: string, query: string, variables: Record<string, unknown>, options: CallOptions = {}): Promise<GraphQLReply<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...internalCallHeaders() };
  if (options.authorization) headers.authorization = options.authorization;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    throw new ApiUnavailableError('GraphQL endpoint unreachable', error);
  }
  let body: { data?: T | null; errors?: GraphQLErrorShape[] };
  try {
    body = (await response.json()) as typeof body;
  } catch (error) {
    throw new ApiUnavailableError(`GraphQL endpoint answered ${response.status} without JSON`, error);
  }
  if (body === null || typeof body !== 'object' || (!('data' in body) && !Array.isArray(body.errors))) {
    throw new ApiUnavailableError(`GraphQL endpoint answered ${response.status} with an unexpected body`);
  }
  return { data: body.data ?? null, errors: Array.isArray(body.errors) ? body.errors : [] };
}

const REFUSALS = new Set(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN']);

/**
 * The data of a reply that must have some. A reply without data is a refusal
 * when GraphQL said why in a client-facing code, otherwise the API is unwell.
 */
export function requireData<T>(reply: GraphQLReply<T>): T {
  if (reply.data !== null && reply.data !== undefined) return reply.data;
  const refusal = reply.errors.find((error) => REFUSALS.has(String(error.extensions?.code)));
  if (refusal) throw new ApiRefusedError(refusal.message, String(refusal.extensions!.code));
  throw new ApiUnavailableError(`GraphQL answered without data: ${reply.errors.map((error) => error.extensions?.code ?? error.message).join(', ')}`);
}

/** The codes of a reply's errors, to tell a refusal of one field from an outage. */
export function errorCodes(reply: GraphQLReply<unknown>): string[] {
  return reply.errors.map((error) => String(error.extensions?.code ?? 'UNKNOWN'));
}
