/**
 * npm run -s token -- --role coordinator [--role supervisor] [--division ZA] [--inspector ZA-0001] [--name 张三] [--sub id] [--ttl 8h]
 *
 * Prints a token the running system accepts: signed with AUTH_SECRET, or with
 * the development secret `npm start` keeps in DATA_DIR.
 */
import { SignJWT } from 'jose';
import { readDataDir, type Env } from '../subgraphs/common/src/config';
import { DIVISION_CODE } from '../subgraphs/common/src/divisions';
import { isRole, ROLES, type Role } from '../subgraphs/common/src/viewer';
import { readDevSecrets } from './dev-secrets';

export class UsageError extends Error {}

export interface TokenRequest {
  roles: Role[];
  division?: string;
  inspector?: string;
  name?: string;
  sub?: string;
  ttl: string;
}

export function parseTokenArgs(argv: readonly string[]): TokenRequest {
  const request: TokenRequest = { roles: [], ttl: '8h' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (!flag.startsWith('--') || value === undefined || value.startsWith('--')) throw new UsageError(`参数 ${flag} 需要一个值 (${flag} needs a value)`);
    i++;
    switch (flag) {
      case '--role':
        for (const role of value.split(',')) {
          if (!isRole(role)) throw new UsageError(`未知角色 “${role}”，可选：${ROLES.join(', ')} (unknown role)`);
          request.roles.push(role);
        }
        break;
      case '--division':
        if (!DIVISION_CODE.test(value)) throw new UsageError(`部门代码 “${value}” 无效 (not a division code, e.g. ZA)`);
        request.division = value;
        break;
      case '--inspector':
        request.inspector = value;
        break;
      case '--name':
        request.name = value;
        break;
      case '--sub':
        request.sub = value;
        break;
      case '--ttl':
        if (!/^\d+[smhd]$/.test(value)) throw new UsageError('--ttl 形如 30m、8h、7d (e.g. 30m, 8h, 7d)');
        request.ttl = value;
        break;
      default:
        throw new UsageError(`未知参数 ${flag} (unknown option)`);
    }
  }
  if (request.roles.length === 0) throw new UsageError(`请用 --role 指定角色：${ROLES.join(', ')} (name at least one role)`);
  if ((request.roles.includes('division_admin') || request.roles.includes('inspector')) && !request.division) {
    throw new UsageError('部门管理员和检查人员需要 --division (division_admin and inspector need --division)');
  }
  if (request.roles.includes('inspector') && !request.inspector) throw new UsageError('检查人员需要 --inspector 人员编号 (inspector needs --inspector, e.g. ZA-0001)');
  return request;
}

export function findAuthSecret(env: Env): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const stored = readDevSecrets(readDataDir(env));
  if (!stored) throw new UsageError('没有找到签名密钥：请先运行 npm start，或设置 AUTH_SECRET (no secret found: start the system with `npm start` first, or set AUTH_SECRET)');
  return stored.authSecret;
}

export async function createToken(request: TokenRequest, secret: string): Promise<string> {
  const claims: Record<string, unknown> = { roles: request.roles, name: request.name ?? `${request.roles.join('/')}${request.division ? ` ${request.division}` : ''}${request.inspector ? ` ${request.inspector}` : ''}` };
  if (request.division) claims.division = request.division;
  if (request.inspector) claims.inspector = request.inspector;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(request.sub ?? request.inspector ?? `${request.roles[0]}${request.division ? `-${request.division}` : ''}`)
    .setIssuedAt()
    .setExpirationTime(request.ttl)
    .sign(new TextEncoder().encode(secret));
}

if (require.main === module) {
  (async () => {
    const request = parseTokenArgs(process.argv.slice(2));
    const token = await createToken(request, findAuthSecret(process.env));
    process.stdout.write(`${token}\n`);
    process.stderr.write(`用法 (use): -H "Authorization: Bearer <token>"，有效期 ${request.ttl}\n`);
  })().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  });
}
