/**
 * npm run token -- --role coordinator [--role supervisor] [--division ZA]
 *                  (reviewer, like inspector and division_admin, needs --division)
 *                  [--inspector ZA-0001] [--name 张三] [--sub id] [--ttl 8h]
 *
 * Prints a user token (HS256 JWT, DESIGN §5 claims) for the running local
 * system: signed with AUTH_SECRET, or with the secret `npm start` generated in
 * DATA_DIR/dev-secrets.json. Only the token goes to stdout, so
 * `TOKEN=$(npm run -s token -- --role coordinator)` works; a hint goes to stderr.
 */
import { SignJWT } from 'jose';
import { parseArgs } from 'node:util';
import { readDataDir, type Env } from '../common/config';
import { shanghaiTimestamp } from '../common/dates';
import { DIVISION_CODE } from '../common/divisions';
import { isRole, ROLES, type Role } from '../common/viewer';
import { findAuthSecret } from './dev-secrets';

/** A mistake in the command line or a missing secret: exit status 2. */
export class TokenUsageError extends Error {}

export interface TokenRequest {
  roles: Role[];
  division?: string;
  inspector?: string;
  name: string;
  sub: string;
  /** Lifetime in seconds. */
  ttlSeconds: number;
}

export interface IssuedToken {
  token: string;
  request: TokenRequest;
  /** Where the signing key came from: `AUTH_SECRET` or the secrets file's path. */
  secretSource: string;
  expiresAt: Date;
}

export const USAGE = `用法 (usage): npm run -s token -- --role <role> [--role <role>] [options]

  --role <role>          ${ROLES.join(' | ')} (repeat, or separate with commas)
  --division <code>      the user's division, e.g. ZA — required for division_admin, inspector and reviewer
  --inspector <id>       the inspector id, e.g. ZA-0001 — required for inspector
  --name <name>          display name (default: one derived from the role)
  --sub <id>             subject (default: one derived from the role)
  --ttl <period>         lifetime: 30m, 8h, 2d or seconds (default 8h, at most 30d)

Signs with AUTH_SECRET, or with the secret \`npm start\` generated in DATA_DIR/dev-secrets.json (DATA_DIR default ./data).`;

const MAX_TTL_SECONDS = 30 * 24 * 3600;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export function parseTtl(raw: string): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(raw.trim());
  if (!match) throw new TokenUsageError(`--ttl "${raw}" is not a period like 30m, 8h, 2d or a number of seconds`);
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] || 's']!;
  if (seconds <= 0) throw new TokenUsageError('--ttl must be longer than zero');
  if (seconds > MAX_TTL_SECONDS) throw new TokenUsageError('--ttl is at most 30d: get a new token instead of a long-lived one');
  return seconds;
}

function defaultName(roles: Role[], division?: string, inspector?: string): string {
  if (roles.includes('inspector')) return `检查员 ${inspector}`;
  if (roles.includes('division_admin')) return `${division} 部门管理员`;
  if (roles.includes('reviewer')) return `${division} 法制审核员`;
  if (roles.includes('coordinator')) return '联席办 协调员';
  if (roles.includes('supervisor')) return '督查考核 监督员';
  return '数据分析 BI';
}

/** Reads the command line; throws TokenUsageError for anything a user should correct. */
export function parseTokenArgs(argv: string[]): TokenRequest {
  let values: Record<string, string | string[] | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        role: { type: 'string', multiple: true },
        division: { type: 'string' },
        inspector: { type: 'string' },
        name: { type: 'string' },
        sub: { type: 'string' },
        ttl: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new TokenUsageError((error as Error).message);
  }
  const rawRoles = ((values.role as string[] | undefined) ?? [])
    .flatMap((role) => role.split(','))
    .map((role) => role.trim())
    .filter(Boolean);
  if (rawRoles.length === 0) throw new TokenUsageError(`--role is required (${ROLES.join(', ')})`);
  const unknown = rawRoles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new TokenUsageError(`unknown role ${unknown.map((role) => `"${role}"`).join(', ')}: choose from ${ROLES.join(', ')}`);
  const roles = [...new Set(rawRoles)] as Role[];

  const division = (values.division as string | undefined)?.trim().toUpperCase() || undefined;
  const inspector = (values.inspector as string | undefined)?.trim() || undefined;
  if (division !== undefined && !DIVISION_CODE.test(division))
    throw new TokenUsageError(`--division "${division}" is not a division code such as ZA, WA, JD, JJ or CRJ`);
  const divisional = roles.find((role) => role === 'inspector' || role === 'division_admin' || role === 'reviewer');
  if (divisional && !division) throw new TokenUsageError(`--division is required for the ${divisional} role, e.g. --division ZA`);
  if (roles.includes('inspector') && !inspector) throw new TokenUsageError('--inspector is required for the inspector role, e.g. --inspector ZA-0001');
  if (inspector !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(inspector))
    throw new TokenUsageError(`--inspector "${inspector}" is not an inspector id such as ZA-0001`);

  const sub = (values.sub as string | undefined)?.trim() || `dev-${roles.join('+')}${inspector ? `-${inspector}` : division ? `-${division}` : ''}`;
  const name = (values.name as string | undefined)?.trim() || defaultName(roles, division, inspector);
  const ttlSeconds = parseTtl((values.ttl as string | undefined) ?? '8h');
  return { roles, division, inspector, name, sub, ttlSeconds };
}

/** Signs the claims of DESIGN §5: sub, name, roles, division, inspector, iat, exp. */
export async function signToken(request: TokenRequest, secret: string, now = new Date()): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const claims: Record<string, unknown> = { name: request.name, roles: request.roles };
  if (request.division) claims.division = request.division;
  if (request.inspector) claims.inspector = request.inspector;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuedAt(iat)
    .setExpirationTime(iat + request.ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}

/** Parses the arguments, finds the secret and signs; everything `main` prints comes from here. */
export async function issueToken(argv: string[], env: Env = process.env, now = new Date()): Promise<IssuedToken> {
  const request = parseTokenArgs(argv);
  const dataDir = readDataDir(env);
  let found: ReturnType<typeof findAuthSecret>;
  try {
    found = findAuthSecret(env, dataDir);
  } catch (error) {
    throw new TokenUsageError((error as Error).message);
  }
  if (!found) {
    throw new TokenUsageError(`没有找到签名密钥 (no secret found in ${dataDir}): start the system with \`npm start\` first, or set AUTH_SECRET`);
  }
  const token = await signToken(request, found.secret, now);
  return { token, request, secretSource: found.source, expiresAt: new Date((Math.floor(now.getTime() / 1000) + request.ttlSeconds) * 1000) };
}

/** The token alone, for tests and scripts. */
export async function createToken(argv: string[], env: Env = process.env): Promise<string> {
  return (await issueToken(argv, env)).token;
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  try {
    const issued = await issueToken(argv);
    process.stdout.write(`${issued.token}\n`);
    const who = [issued.request.roles.join('+'), issued.request.division, issued.request.inspector].filter(Boolean).join(' ');
    process.stderr.write(
      `令牌 (token) for ${who}, valid until ${shanghaiTimestamp(issued.expiresAt)}, signed with ${issued.secretSource}; send it as  -H "authorization: Bearer <token>"\n`,
    );
  } catch (error) {
    if (error instanceof TokenUsageError) {
      process.stderr.write(`错误 (error): ${error.message}\n${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
