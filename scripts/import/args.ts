import { DIVISION_CODE } from '../../common/divisions';
import { userPath } from '../running-system';
import { MAX_IMPORT_ROWS } from '../../subgraphs/division/src/targets/target-service';
import { IMPORT_KINDS, type ImportKind } from './columns';

export const DEFAULT_GATEWAY = 'http://localhost:4000/graphql';

export const USAGE = `用法 (usage):
  npm run import -- --division ZA --file 检查对象.xlsx [--kind targets|inspectors] [--dry-run]
                    [--gateway ${DEFAULT_GATEWAY}] [--token <令牌>] [--batch-size 1000]
  npm run import -- --file 信用风险分类.xlsx [--kind credit-classes] [--dry-run] [--gateway …] [--token <协调员令牌>]
  npm run import -- --template targets|inspectors|credit-classes [--format xlsx|csv] [--out 模板.xlsx] > 模板.xlsx

  --division     部门代码，如 ZA；企业信用风险分类由联合办公室导入，不填 (division code; none for credit classes)
  --file         .xlsx 或 .csv 文件（UTF-8 或 GB18030）(the spreadsheet; the first worksheet, headers in row 1)
  --kind         targets 检查对象 | inspectors 执法检查人员 | credit-classes 企业信用风险分类；默认按表头判断 (defaults from the headers)
  --dry-run      只检查不导入 (validate only, send nothing)
  --gateway      网关 GraphQL 地址；默认 环境变量 SSJ_GATEWAY，否则 DATA_DIR 中 npm start 启动的系统，否则 http://localhost:PORT/graphql（PORT 默认 4000）
                 (the gateway: SSJ_GATEWAY, else the system npm start runs on DATA_DIR, else localhost:PORT)
  --token        部门管理员令牌（信用风险分类为协调员令牌）；默认 环境变量 SSJ_TOKEN，否则用 AUTH_SECRET 或 DATA_DIR/dev-secrets.json 签发（同 npm run token）
                 (a division_admin token, a coordinator's for credit classes: SSJ_TOKEN, else one signed with the development secret, as npm run token does)
  --batch-size   每次提交的行数，默认 1000，最多 ${MAX_IMPORT_ROWS} (rows per call)
  --template     输出空白模板（含表头和一行示例）(write an empty template with one example row)

退出码 (exit status): 0 成功 (imported) · 1 数据有误，未导入 (bad rows, nothing sent) · 2 用法或连接错误 (usage or connection error)`;

export interface ImportCommand {
  command: 'import';
  /** The division whose directory the rows go to; null for credit classes, which go to the joint office. */
  division: string | null;
  file: string;
  kind: ImportKind | null;
  dryRun: boolean;
  /** Given with --gateway or SSJ_GATEWAY; null: find the running system (see ./connection). */
  gateway: string | null;
  token: string | null;
  batchSize: number;
}

export interface TemplateCommand {
  command: 'template';
  kind: ImportKind;
  format: 'xlsx' | 'csv';
  out: string | null;
}

export type Command = ImportCommand | TemplateCommand | { command: 'help' };

/** The command line is wrong: exit status 2 with the usage text. */
export class UsageError extends Error {}

const VALUE_OPTIONS = new Set(['division', 'file', 'kind', 'gateway', 'token', 'batch-size', 'template', 'format', 'out']);
const FLAG_OPTIONS = new Set(['dry-run', 'help']);

function parseOptions(argv: readonly string[]): { values: Map<string, string>; flags: Set<string>; positional: string[] } {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h') {
      flags.add('help');
      continue;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (FLAG_OPTIONS.has(name)) {
      if (inline !== undefined) throw new UsageError(`选项 --${name} 不带值 (--${name} takes no value)`);
      flags.add(name);
    } else if (VALUE_OPTIONS.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`选项 --${name} 缺少值 (--${name} needs a value)`);
      if (values.has(name)) throw new UsageError(`选项 --${name} 重复 (--${name} given twice)`);
      values.set(name, value);
    } else {
      throw new UsageError(`未知选项 --${name} (unknown option --${name})`);
    }
  }
  return { values, flags, positional };
}

function kindOf(value: string, option: string): ImportKind {
  if ((IMPORT_KINDS as readonly string[]).includes(value)) return value as ImportKind;
  throw new UsageError(`${option} 应为 targets、inspectors 或 credit-classes，收到 “${value}” (${option} must be targets, inspectors or credit-classes)`);
}

/** The GraphQL endpoint; a bare gateway address gets /graphql. */
export function gatewayUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`网关地址无效：${value} (--gateway is not a URL)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`网关地址应以 http:// 或 https:// 开头 (--gateway must be http or https)`);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/graphql';
  return url.toString();
}

/**
 * A directory import names its division; a credit-class import names none (the
 * joint office receives the regulator's classes). `kind` null: not known yet.
 */
export function checkDivision(kind: ImportKind | null, division: string | null): void {
  if (kind === 'credit-classes' && division !== null)
    throw new UsageError('企业信用风险分类导入到联合办公室，不用 --division (credit classes go to the joint office: leave out --division)');
  if (kind !== null && kind !== 'credit-classes' && division === null)
    throw new UsageError('缺少 --division，如 --division ZA (name the division with --division)');
}

export function parseArgs(argv: readonly string[], env: Record<string, string | undefined>): Command {
  const { values, flags, positional } = parseOptions(argv);
  if (flags.has('help')) return { command: 'help' };

  const template = values.get('template');
  if (template !== undefined) {
    const format = values.get('format') ?? 'xlsx';
    if (format !== 'xlsx' && format !== 'csv') throw new UsageError(`--format 应为 xlsx 或 csv (--format must be xlsx or csv)`);
    for (const name of ['division', 'file', 'kind', 'batch-size']) {
      if (values.has(name)) throw new UsageError(`--template 不能与 --${name} 同用 (--template does not take --${name})`);
    }
    if (positional.length > 0) throw new UsageError(`多余的参数：${positional.join(' ')} (unexpected arguments)`);
    const out = values.get('out');
    return { command: 'template', kind: kindOf(template, '--template'), format, out: out ? userPath(out, env) : null };
  }
  if (values.has('format') || values.has('out')) throw new UsageError('--format 和 --out 只用于 --template (--format and --out go with --template)');

  const file = values.get('file') ?? positional.shift();
  if (positional.length > 0) throw new UsageError(`多余的参数：${positional.join(' ')} (unexpected arguments)`);
  if (!file) throw new UsageError('缺少 --file (name the spreadsheet with --file)');
  const division = values.get('division')?.trim().toUpperCase() || null;
  if (division !== null && !DIVISION_CODE.test(division)) throw new UsageError(`部门代码 “${division}” 无效，如 ZA、WA、CRJ (not a division code)`);
  const kind = values.has('kind') ? kindOf(values.get('kind')!, '--kind') : null;
  // Whether a division is needed depends on the kind, which may only be known from the file's headers (see `divisionFor`).
  checkDivision(kind, division);
  const batchText = values.get('batch-size') ?? '1000';
  const batchSize = Number(batchText);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_IMPORT_ROWS) {
    throw new UsageError(`--batch-size 应为 1 到 ${MAX_IMPORT_ROWS} 的整数 (--batch-size must be 1–${MAX_IMPORT_ROWS})`);
  }
  const rawToken = (values.get('token') ?? env.SSJ_TOKEN ?? '').trim().replace(/^Bearer\s+/i, '');
  const gateway = values.get('gateway') ?? env.SSJ_GATEWAY;
  return {
    command: 'import',
    division,
    file: userPath(file, env),
    kind,
    dryRun: flags.has('dry-run'),
    gateway: gateway ? gatewayUrl(gateway) : null,
    token: rawToken === '' ? null : rawToken,
    batchSize,
  };
}
