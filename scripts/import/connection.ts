/**
 * Which gateway the import talks to and with which token, when the command line
 * does not say: the system `npm start` runs on DATA_DIR (it leaves
 * DATA_DIR/running.json), else http://localhost:PORT/graphql; and a division_admin
 * token signed with the development secret of that same data folder (or
 * AUTH_SECRET), exactly as `npm run token` would sign it.
 */
import { ConfigError, readDataDir, readPort } from '../../common/config';
import { findAuthSecret } from '../dev-secrets';
import { readRunningSystem } from '../running-system';
import { signToken } from '../token';
import type { ImportCommand } from './args';
import { UsageError } from './args';
import type { UnreachableHint } from './client';
import type { ImportKind } from './columns';

export interface ImportConnection {
  gateway: string;
  token: string | null;
  /** Said on stderr, so the clerk knows where the rows go and as whom. */
  notes: string[];
  /** What to do when the gateway does not answer. */
  unreachableHint: UnreachableHint;
}

/** Long enough for any import, short enough not to matter if the terminal's scrollback is shared. */
const TOKEN_TTL_SECONDS = 3600;

/** The token the development secret signs for an import: the division's administrator, or for credit classes a coordinator of the joint office. */
function importTokenRequest(kind: ImportKind, division: string | null) {
  if (kind === 'credit-classes' || division === null)
    return {
      request: { roles: ['coordinator' as const], name: '联合办公室协调员（信用风险分类导入）', sub: 'import-credit-classes', ttlSeconds: TOKEN_TTL_SECONDS },
      note: '协调员令牌 (a coordinator token',
    };
  return {
    request: {
      roles: ['division_admin' as const],
      division,
      name: `${division} 部门管理员（名录导入）`,
      sub: `import-${division}`,
      ttlSeconds: TOKEN_TTL_SECONDS,
    },
    note: `${division} 部门管理员令牌 (a division_admin token`,
  };
}

export async function resolveConnection(command: ImportCommand, kind: ImportKind, env: Record<string, string | undefined>): Promise<ImportConnection> {
  const dataDir = readDataDir(env);
  const notes: string[] = [];
  let gateway = command.gateway;
  let unreachableHint: UnreachableHint = { zh: '请检查 --gateway 地址和网络', en: 'check --gateway and the network' };
  if (!gateway) {
    const running = readRunningSystem(dataDir);
    if (running) {
      gateway = running.gatewayUrl;
      notes.push(`网关：${gateway}，即在 ${dataDir} 上由 npm start 启动的系统 (the system npm start runs on this data folder)`);
      unreachableHint = { zh: `${dataDir} 上的系统没有应答，请确认 npm start 仍在运行`, en: 'the system npm start runs on this data folder does not answer' };
    } else {
      let port: number;
      try {
        port = readPort(env, 4000);
      } catch (error) {
        throw new UsageError(error instanceof ConfigError ? error.message : String(error));
      }
      gateway = `http://localhost:${port}/graphql`;
      unreachableHint = {
        zh: `${dataDir} 上没有运行中的系统：请先用 npm start 启动系统（若启动时用了别的 PORT 或 DATA_DIR，运行本命令时设置同样的值），或用 --gateway 指定网关`,
        en: 'no system runs on this data folder and nothing answers on PORT; start it with npm start, run this command with the same PORT and DATA_DIR, or pass --gateway',
      };
    }
  }
  let token = command.token;
  if (!token) {
    let found: ReturnType<typeof findAuthSecret>;
    try {
      found = findAuthSecret(env, dataDir);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (found) {
      const { request, note } = importTokenRequest(kind, command.division);
      token = await signToken(request, found.secret);
      notes.push(`令牌：用 ${found.source} 签发的 ${note} signed with the development secret, as npm run token does)`);
    }
  }
  return { gateway, token, notes, unreachableHint };
}

/** The exact words for a missing token. */
export function missingTokenMessage(command: ImportCommand, kind: ImportKind, env: Record<string, string | undefined>): string {
  const dataDir = readDataDir(env);
  const division = command.division;
  if (kind === 'credit-classes' || division === null)
    return (
      `缺少协调员令牌：${dataDir} 中没有 npm start 生成的开发密钥，也没有设置 AUTH_SECRET。` +
      `请用 --token 或环境变量 SSJ_TOKEN 提供令牌，例如 --token "$(npm run -s token -- --role coordinator)"；` +
      `若系统是用别的 DATA_DIR 启动的，运行本命令时设置同样的 DATA_DIR ` +
      `(a coordinator token is needed: pass --token or SSJ_TOKEN, or run with the DATA_DIR of the system npm start runs)`
    );
  return (
    `缺少部门管理员令牌：${dataDir} 中没有 npm start 生成的开发密钥，也没有设置 AUTH_SECRET。` +
    `请用 --token 或环境变量 SSJ_TOKEN 提供令牌，例如 --token "$(npm run -s token -- --role division_admin --division ${division})"；` +
    `若系统是用别的 DATA_DIR 启动的，运行本命令时设置同样的 DATA_DIR ` +
    `(a division_admin token is needed: pass --token or SSJ_TOKEN, or run with the DATA_DIR of the system npm start runs)`
  );
}
