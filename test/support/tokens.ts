import { SignJWT } from 'jose';
import type { Role } from '../../common/viewer';

export const TEST_AUTH_SECRET = 'test-auth-secret-0123456789abcdefghij';

export interface TokenClaims {
  sub?: string;
  name?: string;
  roles: Role[];
  division?: string;
  inspector?: string;
}

/** A user token as the bureau's identity provider would issue it (HS256 with AUTH_SECRET). */
export async function userToken(claims: TokenClaims, options: { secret?: string; expiresIn?: string; issuedAt?: number } = {}): Promise<string> {
  const { sub, ...rest } = claims;
  const jwt = new SignJWT({ name: claims.name ?? sub ?? claims.roles.join(','), ...rest })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub ?? `${claims.roles.join('-')}-${claims.inspector ?? claims.division ?? 'user'}`)
    .setIssuedAt(options.issuedAt)
    .setExpirationTime(options.expiresIn ?? '1h');
  return jwt.sign(new TextEncoder().encode(options.secret ?? TEST_AUTH_SECRET));
}

export const tokens = {
  coordinator: () => userToken({ roles: ['coordinator'], name: '联席办 张协调' }),
  supervisor: () => userToken({ roles: ['supervisor'], name: '督查 李监督' }),
  analyst: () => userToken({ roles: ['analyst'], name: '数据分析' }),
  divisionAdmin: (division: string) => userToken({ roles: ['division_admin'], division, name: `${division} 管理员` }),
  inspector: (division: string, inspector: string) => userToken({ roles: ['inspector'], division, inspector, name: `检查员 ${inspector}` }),
  /** 法制审核 of a division: approves or returns the results of its division's items. */
  reviewer: (division: string) => userToken({ roles: ['reviewer'], division, name: `${division} 法制审核 王审核` }),
};
