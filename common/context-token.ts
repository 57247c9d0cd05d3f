import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { isRole, type Role, type ServiceName, type Viewer } from './viewer';

/**
 * The gateway verifies the user's token and then vouches for the caller to each
 * subgraph with a short-lived context token signed with CONTEXT_SECRET. A subgraph
 * accepts nothing else, so nobody can reach it without passing the gateway.
 */
export const CONTEXT_HEADER = 'x-ssj-context';
export const REQUEST_ID_HEADER = 'x-request-id';
const ISSUER = 'ssj-gateway';
const AUDIENCE = 'ssj-subgraph';
/** How long a context token is valid. A subgraph refuses a token without an expiry, or one valid for longer than this. */
export const CONTEXT_LIFETIME_SECONDS = 60;
/** Clock skew tolerated between the gateway and a subgraph. */
const CLOCK_TOLERANCE_SECONDS = 5;

export function contextKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signContext(viewer: Viewer, key: Uint8Array): Promise<string> {
  const claims: Record<string, unknown> = { name: viewer.name, roles: viewer.roles };
  if (viewer.division) claims.division = viewer.division;
  if (viewer.inspector) claims.inspector = viewer.inspector;
  if (viewer.service) claims.service = viewer.service;
  if (viewer.requestId) claims.rid = viewer.requestId;
  // One reading of the clock for both claims: two readings a second apart would make a 61-second token, which subgraphs refuse.
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(viewer.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + CONTEXT_LIFETIME_SECONDS)
    .sign(key);
}

export class ContextTokenError extends Error {}

/** The viewer a valid context token describes; throws ContextTokenError otherwise. */
export async function verifyContext(token: string, key: Uint8Array): Promise<Viewer> {
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    // A token that lives longer than the gateway issues them, or is issued in the future, was not made by the gateway.
    const { exp, iat } = payload as { exp: number; iat: number };
    if (exp - iat > CONTEXT_LIFETIME_SECONDS || iat > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS)
      throw new ContextTokenError('gateway context has an impossible lifetime');
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    return {
      sub: String(payload.sub ?? ''),
      name: typeof payload.name === 'string' ? payload.name : '',
      roles: roles as Role[],
      division: typeof payload.division === 'string' ? payload.division : undefined,
      inspector: typeof payload.inspector === 'string' ? payload.inspector : undefined,
      service: payload.service === 'gateway' || payload.service === 'joint' ? (payload.service as ServiceName) : undefined,
      requestId: typeof payload.rid === 'string' ? payload.rid : undefined,
    };
  } catch (error) {
    if (error instanceof ContextTokenError) throw error;
    const reason = error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid';
    throw new ContextTokenError(`gateway context is ${reason}`);
  }
}

/** The identity a service uses when it calls another subgraph directly. */
export function serviceViewer(service: ServiceName, requestId?: string): Viewer {
  return { sub: service, name: service, roles: [], service, requestId };
}

/**
 * `verifyContext` with a memory of tokens it has already verified. The
 * gateway signs one context token per client request and sends it with every
 * fetch of that request, so an instance asked for targets, items and
 * inspectors of one list sees the same token three times or more: its HMAC is
 * checked once. A remembered token is still refused once it expires; the
 * memory is bounded (oldest first out) and holds only tokens that verified.
 */
export function createContextVerifier(key: Uint8Array, capacity = 1024): (token: string) => Promise<Viewer> {
  const verified = new Map<string, { viewer: Viewer; expiresAt: number }>();
  return async (token) => {
    const known = verified.get(token);
    if (known && Date.now() < known.expiresAt) return { ...known.viewer };
    if (known) verified.delete(token);
    const viewer = await verifyContext(token, key);
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number };
    if (verified.size >= capacity) verified.delete(verified.keys().next().value!);
    verified.set(token, { viewer: { ...viewer }, expiresAt: (exp + CLOCK_TOLERANCE_SECONDS) * 1000 });
    return viewer;
  };
}
