import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { main } from '../../scripts/import';
import { freePort } from '../../scripts/process-support';
import { writeRunningSystem } from '../../scripts/running-system';
import type { OutputStream } from '../../scripts/import/io';
import { withUsccCheckCharacter, usccCheckCharacter } from '../../common/uscc';
import { startTestSystem, type TestSystem } from '../support/system';
import { tempDir } from '../support/temp';
import { TEST_AUTH_SECRET, tokens } from '../support/tokens';

const TARGET_HEADERS = ['统一社会信用代码', '名称', '类型', '经营范围', '地址', '类别', '状态'];

let system: TestSystem;
let admin: string;
let supervisor: string;
let dir: string;

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA'], seed: 'demo' });
  admin = await tokens.divisionAdmin('ZA');
  supervisor = await tokens.supervisor();
  dir = tempDir('ssj-import-');
}, 120_000);

afterAll(() => system?.stop());

/** A stream that keeps what is written, as a terminal or as a pipe. */
function capture(isTTY = false): OutputStream & { text(): string; bytes(): Buffer } {
  const chunks: Buffer[] = [];
  return {
    isTTY,
    columns: 100,
    write(chunk: string | Uint8Array) {
      chunks.push(Buffer.from(chunk));
      return true;
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
    bytes: () => Buffer.concat(chunks),
  };
}

async function runImport(args: string[], options: { tty?: boolean; env?: Record<string, string> } = {}) {
  const stdout = capture();
  const stderr = capture(options.tty ?? false);
  const code = await main(args, { stdout, stderr, env: options.env ?? {}, now: () => Date.now() });
  return { code, stdout: stdout.text(), stderr: stderr.text(), bytes: stdout.bytes() };
}

/** The usual command line: ZA, through the test gateway, as ZA's administrator. */
function importArgs(file: string, ...extra: string[]): string[] {
  return ['--division', 'ZA', '--file', file, '--gateway', system.gateway.url, '--token', admin, ...extra];
}

async function writeXlsx(name: string, headers: string[], rows: Array<Array<string | number | Date | null>>): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名录');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  const file = join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

function uscc(prefix: string, n: number): string {
  return withUsccCheckCharacter(`${prefix}${String(n).padStart(17 - prefix.length, '0')}`);
}

async function targetCount(search?: string): Promise<number> {
  const result = await system.query(
    `query($search: String) { division(code: "ZA") { targets(search: $search) { totalCount } } }`,
    { search: search ?? null },
    admin,
  );
  expect(result.errors).toBeUndefined();
  return result.data.division.targets.totalCount;
}

async function auditLength(): Promise<number> {
  const result = await system.query(`{ division(code: "ZA") { auditChain { ok length } } }`, {}, supervisor);
  expect(result.data.division.auditChain.ok).toBe(true);
  return result.data.division.auditChain.length;
}

describe('importing a large target directory (检查对象名录库)', () => {
  let file: string;
  let before: number;

  beforeAll(async () => {
    const categories = ['旅馆', '印章刻制', '旅馆、娱乐场所', '典当；废旧金属收购'];
    const rows = Array.from({ length: 5000 }, (_, i) => [
      uscc('91411000T', i),
      `许昌市测试导入第${i + 1}号商户有限公司`,
      i % 3 === 0 ? '个体工商户' : '企业',
      '住宿服务；日用百货销售；印章刻制（凭许可证经营）',
      `许昌市魏都区测试路${i + 1}号`,
      categories[i % categories.length]!,
      i % 50 === 0 ? '存续' : null,
    ]);
    file = await writeXlsx('targets-5000.xlsx', TARGET_HEADERS, rows);
    before = await targetCount();
  });

  it('imports 5,000 rows in batches, showing progress, and every row is in the directory', async () => {
    const { code, stdout, stderr } = await runImport(importArgs(file));
    expect(stderr).not.toContain('错误');
    expect(code).toBe(0);
    expect(stdout).toContain('imported 5000 rows: 5000 created, 0 updated, 0 unchanged');
    expect(stderr).toContain('importing 5000 rows in 5 batches');
    // Without a terminal, a progress line every few batches and one at the end.
    expect(stderr).toMatch(/2000\/5000 rows, \d+ rows\/s/);
    expect(stderr).toMatch(/5000\/5000 rows, \d+ rows\/s, 0s left/);
    expect(await targetCount()).toBe(before + 5000);
    expect(await targetCount('测试导入第4321号')).toBe(1);
  });

  it('changes nothing when the same file is imported again, and adds nothing to the audit log', async () => {
    const auditBefore = await auditLength();
    const { code, stdout, stderr } = await runImport(importArgs(file), { tty: true });
    expect(code).toBe(0);
    expect(stdout).toContain('imported 5000 rows: 0 created, 0 updated, 5000 unchanged');
    // On a terminal, one bar redrawn in place.
    expect(stderr).toContain('\r[');
    expect(stderr).toMatch(/100% 5000\/5000 行 · \d+ 行\/秒/);
    expect(await auditLength()).toBe(auditBefore);
    expect(await targetCount()).toBe(before + 5000);
  });
});

describe('refusing a file with bad rows', () => {
  it('names every bad row by its spreadsheet row number and column, and imports nothing', async () => {
    const good1 = uscc('91411000B', 1);
    const good2 = uscc('91411000B', 2);
    const body = '91411000B' + '00000003';
    const right = usccCheckCharacter(body)!;
    const wrong = right === '0' ? '1' : '0';
    const file = await writeXlsx('bad.xlsx', TARGET_HEADERS, [
      [good1, '许昌市好行宾馆', '企业', '住宿服务', '许昌市建安区一号', '旅馆', null],
      [body + wrong, '许昌市错码宾馆', '企业', '住宿服务', '许昌市建安区二号', '旅馆', null],
      [good2, '许昌市又一家宾馆', '企业', '住宿服务', '许昌市建安区三号', '旅馆', null],
      [uscc('91411000B', 4), '', '企业', '住宿服务', '许昌市建安区四号', '旅馆', null],
    ]);
    const auditBefore = await auditLength();
    const { code, stdout } = await runImport(importArgs(file));
    expect(code).toBe(1);
    expect(stdout).toContain('2 rows with problems; nothing was imported');
    expect(stdout).toContain(`第 3 行 (row 3) · 统一社会信用代码: 统一社会信用代码校验位错误：应为“${right}”，实为“${wrong}”`);
    expect(stdout).toContain('第 5 行 (row 5) · 名称: 名称不能为空');
    expect(stdout).not.toMatch(/第 [24] 行/);
    expect(await targetCount(good1)).toBe(0);
    expect(await targetCount(good2)).toBe(0);
    expect(await auditLength()).toBe(auditBefore);
  });

  it("refuses categories outside the division's item list, duplicates in the file and unknown kinds", async () => {
    const repeated = uscc('91411000D', 1);
    const file = await writeXlsx('bad-values.xlsx', TARGET_HEADERS, [
      [repeated, '许昌市甲宾馆', '企业', '住宿服务', '许昌市一号', '旅馆', null],
      [repeated.toLowerCase(), '许昌市乙宾馆', '企业', '住宿服务', '许昌市二号', '旅馆', null],
      [uscc('91411000D', 3), '许昌市丙网吧', '企业', '上网服务', '许昌市三号', '网吧', null],
      [uscc('91411000D', 4), '许昌市丁宾馆', '公司制企业', '住宿服务', '许昌市四号', '旅馆', '营业中'],
    ]);
    const { code, stdout } = await runImport(importArgs(file));
    expect(code).toBe(1);
    expect(stdout).toContain('第 3 行 (row 3) · 统一社会信用代码: 统一社会信用代码 ' + repeated + ' 与第 2 行重复');
    expect(stdout).toContain('第 4 行 (row 4) · 类别: 类别 “网吧” 不在本部门抽查事项清单中');
    expect(stdout).toContain('第 5 行 (row 5) · 类型: 类型“公司制企业”无效');
    expect(stdout).toContain('第 5 行 (row 5) · 状态: 状态“营业中”无效');
    expect(await targetCount(repeated)).toBe(0);
  });
});

describe('CSV files', () => {
  it('imports a GB18030 CSV with Chinese headers, as older Chinese Excel saves it', async () => {
    const rows = [
      TARGET_HEADERS.join(','),
      `${uscc('93411000G', 1)},许昌市魏都区丰收农民专业合作社,农民专业合作社,"农产品收购，销售",许昌市魏都区丰收路8号,废旧金属收购,存续`,
      `${uscc('92411000G', 2)},魏都区老街刻字社,个体工商户,印章刻制,许昌市魏都区老街19号,印章刻制；典当,`,
      `${uscc('91411000G', 3)},许昌市鄢陵花都大酒店有限公司,ENTERPRISE,住宿；餐饮,许昌市鄢陵县花都大道1号,旅馆、娱乐场所,`,
    ];
    const bytes = iconv.encode(`${rows.join('\r\n')}\r\n`, 'gb18030');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const file = join(dir, 'gb18030.csv');
    writeFileSync(file, bytes);
    const { code, stdout, stderr } = await runImport(importArgs(file));
    expect(stderr).toContain('GB18030');
    expect(code).toBe(0);
    expect(stdout).toContain('3 created');
    const found = await system.query(
      `query($s: String) { division(code: "ZA") { targets(search: $s) { edges { node { name kind categories status } } } } }`,
      { s: uscc('92411000G', 2) },
      admin,
    );
    expect(found.data.division.targets.edges[0].node).toEqual({
      name: '魏都区老街刻字社',
      kind: 'INDIVIDUAL_BUSINESS',
      categories: ['典当', '印章刻制'],
      status: 'ACTIVE',
    });
  });

  it('imports a UTF-8 CSV with a byte-order mark and English headers', async () => {
    const text = `\ufeffuscc,name,kind,scope,address,categories\r\n${uscc('91411000U', 1)},许昌市英文表头宾馆,ENTERPRISE,住宿,许昌市一号,旅馆\r\n`;
    const file = join(dir, 'utf8.csv');
    writeFileSync(file, text, 'utf8');
    const { code, stdout } = await runImport(importArgs(file));
    expect(code).toBe(0);
    expect(stdout).toContain('1 created');
    expect(await targetCount('许昌市英文表头宾馆')).toBe(1);
  });
});

describe('--dry-run', () => {
  it('checks every row and sends nothing', async () => {
    const file = await writeXlsx('dry.xlsx', TARGET_HEADERS, [[uscc('91411000R', 1), '许昌市试运行宾馆', '企业', '住宿服务', '许昌市一号', '旅馆', null]]);
    const auditBefore = await auditLength();
    const { code, stdout } = await runImport(importArgs(file, '--dry-run'));
    expect(code).toBe(0);
    expect(stdout).toContain('dry run: all 1 rows are valid; nothing was sent');
    expect(await targetCount('许昌市试运行宾馆')).toBe(0);
    expect(await auditLength()).toBe(auditBefore);
  });

  it('still checks the rows without a gateway or a token, leaving out only the category check', async () => {
    const file = await writeXlsx('dry-offline.xlsx', TARGET_HEADERS, [
      [uscc('91411000R', 2), '许昌市离线宾馆', '企业', '住宿服务', '许昌市二号', '旅馆', null],
      [uscc('91411000R', 3).slice(0, 17), '许昌市短码宾馆', '企业', '住宿服务', '许昌市三号', '旅馆', null],
    ]);
    const { code, stdout, stderr } = await runImport(['--division', 'ZA', '--file', file, '--dry-run', '--gateway', 'http://127.0.0.1:9/graphql']);
    expect(code).toBe(1);
    expect(stderr).toContain('cannot reach the gateway');
    expect(stdout).toContain('第 3 行 (row 3) · 统一社会信用代码: 统一社会信用代码应为18位');
  });
});

describe('templates', () => {
  it('writes an xlsx template with the Chinese headers and one example row, which the import refuses as such', async () => {
    const { code, bytes } = await runImport(['--template', 'targets']);
    expect(code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(TARGET_HEADERS);
    expect(sheet.rowCount).toBe(2);
    const file = join(dir, '模板.xlsx');
    writeFileSync(file, bytes);
    const refused = await runImport(importArgs(file));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('第 2 行 (row 2): 这是模板中的示例行');
  });

  it('writes a usable file through `npm run import -- --template targets > 模板.xlsx`, despite the banner npm prints first', () => {
    const file = join(dir, 'npm-模板.xlsx');
    const fd = openSync(file, 'w');
    // What npm (without -s) writes to the redirected stdout before the command starts.
    writeSync(fd, '\n> ssj-federation@0.1.0 import\n> npm run -s build && node dist/scripts/import.js --template targets\n\n');
    const root = join(__dirname, '..', '..');
    const child = spawnSync(process.execPath, [join(root, 'dist', 'scripts', 'import.js'), '--template', 'targets'], {
      cwd: root,
      stdio: ['ignore', fd, 'pipe'],
    });
    closeSync(fd);
    expect(child.status).toBe(0);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    return new ExcelJS.Workbook().xlsx.load(bytes as unknown as ExcelJS.Buffer).then((workbook) => {
      expect((workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(TARGET_HEADERS);
    });
  });

  it('writes the inspector template as CSV too', async () => {
    const { code, bytes } = await runImport(['--template', 'inspectors', '--format', 'csv']);
    expect(code).toBe(0);
    const text = bytes.toString('utf8');
    expect(text.startsWith('\ufeff编号,姓名,单位,职务,业务专长,执法证号,执法证有效期至,在岗\r\n')).toBe(true);
  });
});

describe('importing inspectors (执法检查人员名录库)', () => {
  it('imports English-headed rows with Excel dates and YYYY/M/D text, and refuses a certificate someone else holds', async () => {
    const headers = ['id', 'name', 'unit', 'position', 'expertise', 'certificateNo', 'certificateValidUntil'];
    const file = await writeXlsx('inspectors.xlsx', headers, [
      ['ZA-0901', '陈立新', '治安管理支队行业场所管理大队', '民警', '特种行业管理、娱乐场所管理', '豫公执字411000900901', new Date(Date.UTC(2028, 5, 30))],
      ['za-0902', '王晓燕', '治安管理支队行业场所管理大队', '民警', '', '豫公执字411000900902', '2027/3/5'],
      ['ZA-0903', '赵卫东', '治安管理支队危爆物品管理大队', '副大队长', '危爆物品管理', '豫公执字411000900903', '2029-01-31'],
    ]);
    const { code, stdout } = await runImport(importArgs(file));
    expect(code).toBe(0);
    expect(stdout).toContain('imported 3 rows: 3 created, 0 updated, 0 unchanged');
    const result = await system.query(
      `{ division(code: "ZA") { inspectors(search: "ZA-090", first: 10) { edges { node { id expertise certificateValidUntil active } } } } }`,
      {},
      admin,
    );
    expect(result.data.division.inspectors.edges.map((edge: any) => edge.node)).toEqual([
      { id: 'ZA-0901', expertise: ['娱乐场所管理', '特种行业管理'], certificateValidUntil: '2028-06-30', active: true },
      { id: 'ZA-0902', expertise: [], certificateValidUntil: '2027-03-05', active: true },
      { id: 'ZA-0903', expertise: ['危爆物品管理'], certificateValidUntil: '2029-01-31', active: true },
    ]);

    const holder = (await system.query(`{ division(code: "ZA") { inspectors(search: "ZA-0001") { edges { node { certificateNo } } } } }`, {}, admin)).data
      .division.inspectors.edges[0].node.certificateNo;
    const clash = await writeXlsx(
      'inspectors-clash.xlsx',
      ['编号', '姓名', '单位', '职务', '业务专长', '执法证号', '执法证有效期至', '在岗'],
      [
        ['ZA-0903', '赵卫东', '治安管理支队危爆物品管理大队', '大队长', '危爆物品管理', '豫公执字411000900903', '2029-01-31', '否'],
        ['ZA-0904', '孙建华', '治安管理支队', '民警', '', holder, '2030年1月1日', '是'],
        ['ZA-0905', '周敏', '治安管理支队', '民警', '', '豫公执字411000900905', '2030-02-30', ''],
      ],
    );
    const refused = await runImport(importArgs(clash));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`第 3 行 (row 3) · 执法证号: 执法证号 ${holder} 已登记在 ZA-0001 名下`);
    expect(refused.stdout).toContain('第 4 行 (row 4) · 执法证有效期至: 执法证有效期至“2030-02-30”不是有效日期');
    expect(refused.stdout).not.toContain('第 2 行');
    const unchanged = await system.query(`{ division(code: "ZA") { inspectors(search: "ZA-0903") { edges { node { position active } } } } }`, {}, admin);
    expect(unchanged.data.division.inspectors.edges[0].node).toEqual({ position: '副大队长', active: true });
  });
});

describe('inspectors whose certificate has expired', () => {
  it('are imported, and the rows are named with what the expiry means for the draws', async () => {
    const file = await writeXlsx(
      'inspectors-expired.xlsx',
      ['编号', '姓名', '单位', '职务', '业务专长', '执法证号', '执法证有效期至'],
      [
        ['ZA-0931', '钱文', '治安管理支队', '民警', '', '豫公执字411000900931', '2035-06-30'],
        ['ZA-0932', '吴刚', '治安管理支队', '民警', '', '豫公执字411000900932', '2020-06-30'],
      ],
    );
    const { code, stdout } = await runImport(importArgs(file));
    expect(code).toBe(0);
    expect(stdout).toContain('请注意以下 1 行（已导入）');
    expect(stdout).toContain('第 3 行「执法证有效期至」：ZA-0932：执法证已于 2020-06-30 到期：更新有效期之前，该人员不会被抽入任何抽查任务');
  });
});

describe('rows the server refuses', () => {
  it('names them by spreadsheet row and stops, saying which batches were already saved', async () => {
    const batches: number[] = [];
    // A stand-in gateway whose directory refuses the first row of the second call.
    const server = createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      const { query, variables } = JSON.parse(body);
      res.setHeader('content-type', 'application/json');
      if (query.includes('checklist')) {
        res.end(JSON.stringify({ data: { division: { code: 'ZA', checklist: [{ targetCategory: '旅馆' }] } } }));
        return;
      }
      batches.push(variables.rows.length);
      const refused = batches.length === 2;
      const report = refused
        ? {
            accepted: 0,
            rejected: 1,
            created: 0,
            updated: 0,
            unchanged: 0,
            errors: [
              {
                row: 2,
                field: 'categories',
                code: 'UNKNOWN_CATEGORY',
                message: '类别 “旅馆” 不在本部门抽查事项清单中 (category 旅馆 matches no item of this division)',
              },
            ],
          }
        : { accepted: variables.rows.length, rejected: 0, created: variables.rows.length, updated: 0, unchanged: 0, errors: [] };
      res.end(JSON.stringify({ data: { importTargets: report } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
      const rows = Array.from({ length: 5 }, (_, i) => [uscc('91411000F', i), `许昌市第${i}家宾馆`, '企业', '住宿服务', `许昌市${i}号`, '旅馆', null]);
      const file = await writeXlsx('server-refuses.xlsx', TARGET_HEADERS, rows);
      const { code, stdout } = await runImport(['--division', 'ZA', '--file', file, '--gateway', url, '--token', admin, '--batch-size', '2']);
      expect(code).toBe(1);
      expect(stdout).toContain('the server refused batch 2 of 3');
      expect(stdout).toContain('第 5 行 (row 5) · 类别: 类别 “旅馆” 不在本部门抽查事项清单中');
      expect(stdout).toContain('the 2 rows of earlier batches were imported');
      expect(batches).toEqual([2, 2]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('finding the running system and its development secret, as npm run token does', () => {
  const row = (n: number, name: string) => [uscc('91411000Q', n), name, '企业', '住宿服务', `许昌市发现路${n}号`, '旅馆', null];

  /** A data folder as `npm start` leaves it: the development secrets and the running system's gateway. */
  function dataFolder(gatewayUrl: string, pid = process.pid): string {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'dev-secrets.json'), JSON.stringify({ authSecret: TEST_AUTH_SECRET, contextSecret: 'x'.repeat(32) }));
    writeRunningSystem(dataDir, { gatewayUrl, pid, startedAt: new Date().toISOString() });
    return dataDir;
  }

  it('sends to the system npm start runs on DATA_DIR, as its division admin, without --gateway or --token', async () => {
    const file = await writeXlsx('found.xlsx', TARGET_HEADERS, [row(1, '许昌市发现宾馆')]);
    const dataDir = dataFolder(system.gateway.url);
    const { code, stdout, stderr } = await runImport(['--division', 'ZA', '--file', file], { env: { DATA_DIR: dataDir } });
    expect(stderr).toContain(`网关：${system.gateway.url}，即在 ${dataDir} 上由 npm start 启动的系统`);
    expect(stderr).toContain(`令牌：用 ${join(dataDir, 'dev-secrets.json')} 签发的 ZA 部门管理员令牌`);
    expect(code).toBe(0);
    expect(stdout).toContain('新增 1');
    expect(await targetCount('许昌市发现宾馆')).toBe(1);
  });

  it('uses localhost:PORT when no system runs on DATA_DIR (a file left by a stopped one is ignored)', async () => {
    const file = await writeXlsx('by-port.xlsx', TARGET_HEADERS, [row(2, '许昌市端口宾馆')]);
    // A pid that cannot be running: the system that wrote the file is gone.
    const dataDir = dataFolder('http://127.0.0.1:9/graphql', 2 ** 22 + 12345);
    const port = new URL(system.gateway.url).port;
    const { code, stderr } = await runImport(['--division', 'ZA', '--file', file], { env: { DATA_DIR: dataDir, PORT: port } });
    expect(stderr).not.toContain('127.0.0.1:9');
    expect(code).toBe(0);
    expect(await targetCount('许昌市端口宾馆')).toBe(1);
  });

  it('reads a relative --file from the folder it was typed in (npm run starts in the project folder)', async () => {
    await writeXlsx('typed-here.xlsx', TARGET_HEADERS, [row(3, '许昌市相对路径宾馆')]);
    const { code } = await runImport(['--division', 'ZA', '--file', 'typed-here.xlsx', '--gateway', system.gateway.url, '--token', admin], {
      env: { INIT_CWD: dir },
    });
    expect(code).toBe(0);
    expect(await targetCount('许昌市相对路径宾馆')).toBe(1);
  });
});

describe('usage and connection errors (exit status 2)', () => {
  it('explains a missing division, a missing token, an unreachable gateway and a refused token', async () => {
    const file = await writeXlsx('usage.xlsx', TARGET_HEADERS, [[uscc('91411000E', 1), '许昌市用法宾馆', '企业', '住宿服务', '许昌市一号', '旅馆', null]]);
    const noDivision = await runImport(['--file', file]);
    expect(noDivision.code).toBe(2);
    expect(noDivision.stderr).toContain('--division');

    const noToken = await runImport(['--division', 'ZA', '--file', file, '--gateway', system.gateway.url], { env: { DATA_DIR: tempDir() } });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('SSJ_TOKEN');
    expect(noToken.stderr).toContain('--token "$(npm run -s token -- --role division_admin --division ZA)"');

    const unreachable = await runImport(['--division', 'ZA', '--file', file, '--gateway', 'http://127.0.0.1:9/graphql'], { env: { SSJ_TOKEN: admin } });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain('无法连接网关');
    expect(unreachable.stderr).toContain('cannot reach the gateway');

    const refused = await runImport(['--division', 'ZA', '--file', file, '--gateway', system.gateway.url, '--token', 'not.a.token']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('the gateway refused the token');

    const otherDivision = await runImport(['--division', 'ZA', '--file', file, '--gateway', system.gateway.url, '--token', await tokens.divisionAdmin('WA')]);
    expect(otherDivision.code).toBe(2);
    expect(otherDivision.stderr).toContain('FORBIDDEN');
    expect(await targetCount('许昌市用法宾馆')).toBe(0);
  });

  it('says what to do when no system runs on DATA_DIR and nothing answers on PORT', async () => {
    const file = await writeXlsx('nobody.xlsx', TARGET_HEADERS, [[uscc('91411000N', 1), '许昌市无人宾馆', '企业', '住宿服务', '许昌市一号', '旅馆', null]]);
    const dataDir = tempDir();
    const port = String(await freePort());
    const { code, stderr } = await runImport(['--division', 'ZA', '--file', file], { env: { DATA_DIR: dataDir, PORT: port, AUTH_SECRET: TEST_AUTH_SECRET } });
    expect(code).toBe(2);
    expect(stderr).toContain(`无法连接网关 http://localhost:${port}/graphql`);
    expect(stderr).toContain(`${dataDir} 上没有运行中的系统：请先用 npm start 启动系统`);
  });

  it('refuses an .xls file and tells the clerk to save it as .xlsx or .csv', async () => {
    const file = join(dir, 'old.xls');
    writeFileSync(
      file,
      readFileSync(
        await writeXlsx('old-source.xlsx', TARGET_HEADERS, [[uscc('91411000X', 1), '许昌市旧格式宾馆', '企业', '住宿服务', '许昌市一号', '旅馆', null]]),
      ),
    );
    const { code, stderr } = await runImport(importArgs(file));
    expect(code).toBe(2);
    expect(stderr).toContain('.xlsx 或 .csv');
  });
});
