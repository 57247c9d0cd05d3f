import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, errors as joseErrors, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { DIVISION_CODE } from '../../common/divisions';
import { hasForbiddenCharacter } from '../../common/text';
import { isRole, type Role, type Viewer } from '../../common/viewer';

/**
 * How user tokens are checked: HS256 with AUTH_SECRET (scripts, `npm run token`),
 * RS256/ES256 against AUTH_JWKS_URL (people signed in at the identity provider),
 * or both. With a JWKS, `issuer` and `audience` are the provider's.
 */
export interface AuthConfig {
  secret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

export class AuthError extends Error {}

export type TokenVerifier = (authorization: string | undefined) => Promise<Viewer | null>;

/**
 * A claim the subgraphs will compare with stored values and write into audit
 * entries: single-line text by the same rule as every argument, of a sane length.
 */
function checkTextClaim(payload: JWTPayload, claim: 'sub' | 'name' | 'inspector', max: number): void {
  const value = payload[claim];
  if (value === undefined) return;
  if (typeof value !== 'string' || value.length > max || hasForbiddenCharacter(value)) {
    throw new AuthError(`令牌的声明含有控制字符或过长 (the token's ${claim} claim is not single-line text of at most ${max} characters)`);
  }
}

/** Turns verified claims into a viewer, refusing claims that contradict each other. */
export function viewerFromClaims(payload: JWTPayload): Viewer {
  checkTextClaim(payload, 'sub', 200);
  checkTextClaim(payload, 'name', 200);
  checkTextClaim(payload, 'inspector', 64);
  const roles = (Array.isArray(payload.roles) ? payload.roles : []).filter(isRole) as Role[];
  if (roles.length === 0) throw new AuthError('令牌未包含有效角色 (the token carries no known role)');
  const division = typeof payload.division === 'string' ? payload.division : undefined;
  const inspector = typeof payload.inspector === 'string' ? payload.inspector : undefined;
  if ((roles.includes('division_admin') || roles.includes('inspector') || roles.includes('reviewer')) && !(division && DIVISION_CODE.test(division))) {
    throw new AuthError('部门管理员、检查人员和法制审核人员的令牌必须包含所属部门 (division_admin, inspector and reviewer tokens must name their division)');
  }
  if (roles.includes('inspector') && !inspector) {
    throw new AuthError('检查人员令牌必须包含人员编号 (inspector tokens must carry the inspector id)');
  }
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new AuthError('令牌缺少 sub (the token has no subject)');
  return { sub: payload.sub, name: typeof payload.name === 'string' ? payload.name : payload.sub, roles, division, inspector };
}

/** One way of checking a token: its key, the algorithms that key may verify, and the claims it demands. */
interface TokenCheck {
  key: Uint8Array | JWTVerifyGetKey;
  algorithms: string[];
  issuer?: string;
  audience?: string;
}

const SECRET_ALGORITHMS = ['HS256'];
const KEY_SET_ALGORITHMS = ['RS256', 'ES256'];

/**
 * The check for each algorithm a token may name. The header's `alg` only picks
 * the check; each check passes its own algorithms to jwtVerify, so an HS256
 * token is never verified with a public key (whose bytes anyone can read from
 * the JWKS) and an RS256 token never with the secret.
 */
function tokenChecks(config: AuthConfig): Map<string, TokenCheck> {
  const checks = new Map<string, TokenCheck>();
  if (config.jwksUrl) {
    const check: TokenCheck = {
      key: createRemoteJWKSet(new URL(config.jwksUrl)),
      algorithms: KEY_SET_ALGORITHMS,
      issuer: config.issuer,
      audience: config.audience,
    };
    for (const algorithm of KEY_SET_ALGORITHMS) checks.set(algorithm, check);
  }
  if (config.secret) {
    // Beside a JWKS, AUTH_ISSUER and AUTH_AUDIENCE name the identity provider: `npm run token`'s
    // tokens carry neither. Alone, the secret keeps them, as it always has.
    const check: TokenCheck = {
      key: new TextEncoder().encode(config.secret),
      algorithms: SECRET_ALGORITHMS,
      ...(config.jwksUrl ? {} : { issuer: config.issuer, audience: config.audience }),
    };
    for (const algorithm of SECRET_ALGORITHMS) checks.set(algorithm, check);
  }
  if (checks.size === 0) throw new Error('either AUTH_SECRET or AUTH_JWKS_URL must be configured');
  return checks;
}

/** The token's header `alg`, or undefined when the header cannot be read. */
function headerAlgorithm(token: string): string | undefined {
  try {
    return decodeProtectedHeader(token).alg;
  } catch {
    return undefined;
  }
}

export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  const checks = tokenChecks(config);
  return async (authorization) => {
    if (authorization === undefined || authorization === '') return null;
    const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(authorization.trim());
    if (!match) throw new AuthError('Authorization 头格式应为 “Bearer <令牌>” (the Authorization header must be "Bearer <token>")');
    const token = match[1]!;
    const algorithm = headerAlgorithm(token);
    const check = algorithm === undefined ? undefined : checks.get(algorithm);
    if (!check) throw new AuthError('令牌无效或签名错误 (the token is invalid or wrongly signed)');
    try {
      const { payload } = await jwtVerify(token, check.key as Uint8Array, {
        algorithms: check.algorithms,
        issuer: check.issuer,
        audience: check.audience,
        clockTolerance: 5,
        requiredClaims: ['exp'],
      });
      if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + 60)
        throw new AuthError('令牌签发时间在未来 (the token is issued in the future)');
      return viewerFromClaims(payload);
    } catch (error) {
      if (error instanceof AuthError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new AuthError('登录已过期，请重新获取令牌 (the token has expired)');
      if (error instanceof joseErrors.JWTClaimValidationFailed)
        throw new AuthError(`令牌声明无效：${error.claim} (the token's ${error.claim} claim is not accepted)`);
      throw new AuthError('令牌无效或签名错误 (the token is invalid or wrongly signed)');
    }
  };
}
