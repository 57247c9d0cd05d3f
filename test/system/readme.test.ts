/**
 * The README's commands, as written, against a system started the way `npm start`
 * starts it (node dist/scripts/start.js, which `npm start` runs after building):
 * the token, the curl query, the spreadsheet template and `npm run import` without
 * any --token or --gateway, and the exports. They run in bash from a folder of
 * their own inside the project (as a user would, anywhere below the project),
 * with the PORT and DATA_DIR the system was started with; the only change made to
 * them is the port in their URLs, because port 4000 may be taken on a shared machine.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { badPortProblem } from '../../common/config';
import { repoRoot } from '../../common/repo-root';
import { withUsccCheckCharacter } from '../../common/uscc';
import { systemPorts } from '../../scripts/start';
import { tempDir } from '../support/temp';

jest.setTimeout(420_000);

const ROOT = repoRoot();

/** The ```bash blocks of a README section, in order. */
function bashBlocks(readme: string, heading: string): string[] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section "${heading}"`);
  const end = readme.indexOf('\n## ', start + 4);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

function free(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '0.0.0.0', () => probe.close(() => resolve(true)));
  });
}

/** A PORT whose gateway, joint and division ports are all free and reachable by browsers. */
async function systemPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const ports = systemPorts(port).map((entry) => entry.port);
    if (ports.some((candidate) => badPortProblem(candidate))) continue;
    if ((await Promise.all(ports.map(free))).every(Boolean)) return port;
  }
  throw new Error('no free set of ports');
}

let system: ChildProcess;
let output = '';
let port: number;
let dataDir: string;
let workDir: string;

beforeAll(async () => {
  port = await systemPort();
  dataDir = join(tempDir('ssj-readme-'), 'data');
  system = spawn(process.execPath, ['dist/scripts/start.js'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  system.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  system.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('按 Ctrl+C 停止全部服务')) {
        clearInterval(timer);
        resolve();
      } else if (system.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`npm start exited:\n${output}`));
      }
    }, 250);
  });
  // Somewhere inside the project, as a user's own folder would be (npm finds package.json above it).
  workDir = join(ROOT, 'node_modules', '.cache', `ssj-readme-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
});

afterAll(async () => {
  if (system && system.exitCode === null) {
    const exited = new Promise((resolve) => system.once('exit', resolve));
    system.kill('SIGTERM');
    await exited;
  }
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** Runs one README block in bash, as written but for the port; `npm start` is already running. */
function run(block: string): { stdout: string; stderr: string } {
  const script = block
    .split('\n')
    .filter((line) => line.trim() !== 'npm start')
    .join('\n')
    .replaceAll('localhost:4000', `localhost:${port}`);
  const result = spawnSync('bash', ['-euo', 'pipefail', '-c', script], {
    cwd: workDir,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SSJ_TOKEN: '', SSJ_GATEWAY: '', AUTH_SECRET: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect({ script, status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({ script, status: 0, stderr: '' });
  return { stdout: result.stdout, stderr: result.stderr };
}

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe("the README's commands, verbatim, on the system npm start runs", () => {
  it('starts with the portal first in the banner, on the PORT given', () => {
    expect(output).toContain(`公示平台 (public portal):       http://localhost:${port}/`);
  });

  it('prints the sign-in address after the others, then the administrator password once, which no file of DATA_DIR holds', () => {
    const signIn = output.indexOf(`统一身份认证 (sign-in service):  http://localhost:${port + 120}\n`);
    expect(signIn).toBeGreaterThan(output.indexOf(`健康检查 (health, readiness):   http://localhost:${port}/health`));
    const password = /初始密码 \(password\): (\S+)/.exec(output)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(output.indexOf(password!)).toBeGreaterThan(signIn);
    expect(output.split(password!)).toHaveLength(2);
    for (const file of readdirSync(dataDir)) {
      const path = join(dataDir, file);
      if (statSync(path).isFile()) expect({ file, holds: readFileSync(path).includes(password!) }).toEqual({ file, holds: false });
    }
  });

  it('"Trying it": a coordinator token and the curl query answer the demonstration tasks', () => {
    const [trying] = bashBlocks(readme, 'Trying it');
    const { stdout } = run(trying!);
    const body = JSON.parse(stdout) as { data: { inspectionTasks: { edges: Array<{ node: any }> } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    const nodes = body.data.inspectionTasks.edges.map((edge) => edge.node);
    expect(nodes.map((node) => node.status).sort()).toEqual(['COMMITTED', 'DRAWN', 'DRAWN', 'PUBLISHED']);
    expect(nodes.find((node) => node.status === 'PUBLISHED').draw.verification.ok).toBe(true);
    expect(nodes.some((node) => node.progress && node.progress.recorded < node.progress.total)).toBe(true);
  });

  it('"Loading a directory": the template, filled in as a clerk would, imports without --token or --gateway', async () => {
    const [template, importing] = bashBlocks(readme, 'Loading a directory from a spreadsheet');
    run(template!);
    const file = join(workDir, 'targets.xlsx');
    expect(existsSync(file)).toBe(true);
    // Fill it in: keep the header, replace the example row with two hotels.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    sheet.spliceRows(2, sheet.rowCount - 1);
    const value: Record<string, (n: number) => string> = {
      统一社会信用代码: (n) => withUsccCheckCharacter(`91411000MA9RDMEX${n}`),
      名称: (n) => `许昌市自述文件第${n}宾馆有限公司`,
      类型: () => '企业',
      经营范围: () => '住宿服务',
      地址: (n) => `许昌市魏都区文档路${n}号`,
      类别: () => '旅馆',
    };
    for (const n of [1, 2]) sheet.addRow(headers.map((header) => value[header]?.(n) ?? null));
    await workbook.xlsx.writeFile(file);

    const { stdout, stderr } = run(importing!);
    expect(stdout).toContain('导入完成：共 2 行，新增 2');
    expect(stderr).toContain(`即在 ${dataDir} 上由 npm start 启动的系统`);
    expect(stderr).toContain('签发的 ZA 部门管理员令牌');
  });

  it('"Exports": an analyst token downloads the results workbook and the statistics CSV', async () => {
    const [exports] = bashBlocks(readme, 'Exports for BI tools and spreadsheets');
    run(exports!);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(workDir, 'results.xlsx'));
    const results = workbook.getWorksheet('检查结果')!;
    expect(results.rowCount).toBeGreaterThan(10);
    const stats = readFileSync(join(workDir, 'stats.csv'), 'utf8');
    expect(stats.charCodeAt(0)).toBe(0xfeff);
    expect(stats).toContain('合计（全部部门）');
  });
});
