import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { addDays } from '../../common/dates';
import { withUsccCheckCharacter } from '../../common/uscc';
import { main } from '../../scripts/import';
import type { OutputStream } from '../../scripts/import/io';
import { CreditClassRow } from '../../subgraphs/joint/src/credit/credit-class.entity';
import { startTestSystem, type TestSystem } from '../support/system';
import { tempDir } from '../support/temp';
import { TEST_AUTH_SECRET, tokens } from '../support/tokens';
import { TODAY } from './helpers';

/**
 * `npm run import` with the market regulator's credit-risk class sheet
 * (企业信用风险分类): the joint office imports it as a coordinator, all rows or
 * none, every bad row named as Excel numbers it.
 */

const HEADERS = ['统一社会信用代码', '信用风险分类', '分类来源', '分类日期'];
const SOURCE = '许昌市市场监督管理局2026年第三季度企业信用风险分类结果';

let system: TestSystem;
let coordinator: string;
let dir: string;

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA'] });
  coordinator = await tokens.coordinator();
  dir = tempDir('ssj-credit-import-');
}, 120_000);

afterAll(() => system?.stop());

function capture(): OutputStream & { text(): string } {
  const chunks: Buffer[] = [];
  return {
    isTTY: false,
    write(chunk: string | Uint8Array) {
      chunks.push(Buffer.from(chunk));
      return true;
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

async function runImport(args: string[], env: Record<string, string> = {}) {
  const stdout = capture();
  const stderr = capture();
  const code = await main(args, { stdout, stderr, env, now: () => Date.now() });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

async function writeXlsx(name: string, rows: Array<Array<string | number | Date | null>>, headers = HEADERS): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('分类结果');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  const file = join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

const uscc = (n: number) => withUsccCheckCharacter(`91411000K${String(n).padStart(8, '0')}`);

async function stored(from: number, count: number): Promise<CreditClassRow[]> {
  const usccs = Array.from({ length: count }, (_, i) => uscc(from + i));
  return system.joint.orm.em.fork().find(CreditClassRow, { uscc: { $in: usccs } }, { orderBy: { uscc: 'asc' } });
}

describe('importing a credit-risk class sheet (企业信用风险分类)', () => {
  it('stores every row of a good sheet — letters, Chinese class names, Excel dates and text dates — as a coordinator, without --division', async () => {
    const words = ['A', 'B类', '较高风险', 'D 高风险', 'a'];
    const rows = Array.from({ length: 2500 }, (_, i) => [
      uscc(i),
      words[i % words.length]!,
      SOURCE,
      i % 2 === 0 ? new Date(`${addDays(TODAY, -30)}T00:00:00Z`) : addDays(TODAY, -30).replace(/-/g, '/'),
    ]);
    const file = await writeXlsx('classes.xlsx', rows);
    const { code, stdout, stderr } = await runImport(['--file', file, '--gateway', system.gateway.url, '--token', coordinator]);
    expect(stderr).not.toContain('错误');
    expect(code).toBe(0);
    expect(stderr).toContain('企业信用风险分类 (credit-risk classes)，2500 行');
    expect(stderr).toContain('开始导入到 联合办公室：2500 行，分 3 批');
    expect(stdout).toContain('imported 2500 rows: 2500 created, 0 updated, 0 unchanged');
    const saved = await stored(0, 2500);
    expect(saved).toHaveLength(2500);
    const expected = ['A', 'B', 'C', 'D', 'A'];
    expect(saved.every((row) => row.riskClass === expected[Number(row.uscc.slice(9, 17)) % 5] && row.assessedOn === addDays(TODAY, -30))).toBe(true);

    const again = await runImport(['--file', file, '--gateway', system.gateway.url, '--token', coordinator]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('imported 2500 rows: 0 created, 0 updated, 2500 unchanged');
    expect(await stored(0, 2500)).toHaveLength(2500);
  });

  it('stores nothing when one row is bad, and names that row and column in words a clerk understands', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => [uscc(5000 + i), 'C', SOURCE, addDays(TODAY, -5)] as Array<string | null>);
    rows[16] = [uscc(5016), 'E', SOURCE, addDays(TODAY, -5)];
    const file = await writeXlsx('one-bad.xlsx', rows);
    const { code, stdout } = await runImport(['--file', file, '--gateway', system.gateway.url, '--token', coordinator]);
    expect(code).toBe(1);
    expect(stdout).toContain('1 行有问题，未导入任何数据 (1 row with problems; nothing was imported)');
    // Row 18 in Excel: the header is row 1.
    expect(stdout).toContain('第 18 行 (row 18) · 信用风险分类: 信用风险分类“E”无效');
    expect(await stored(5000, 40)).toEqual([]);
  });

  it('reports every bad row: a wrong check character, a future date, an empty source, the same entity twice', async () => {
    const good = uscc(6000);
    const wrong = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
    const file = await writeXlsx('many-bad.xlsx', [
      [good, 'A', SOURCE, addDays(TODAY, -1)],
      [wrong, 'A', SOURCE, addDays(TODAY, -1)],
      [uscc(6002), 'B', SOURCE, addDays(TODAY, 3)],
      [uscc(6003), 'B', null, addDays(TODAY, -1)],
      [good, 'D', SOURCE, addDays(TODAY, -1)],
    ]);
    const { code, stdout } = await runImport(['--file', file, '--gateway', system.gateway.url, '--token', coordinator]);
    expect(code).toBe(1);
    expect(stdout).toContain('4 行有问题');
    expect(stdout).toMatch(/第 3 行 \(row 3\) · 统一社会信用代码: .*校验/);
    expect(stdout).toContain(`第 4 行 (row 4) · 分类日期: 分类日期 ${addDays(TODAY, 3)} 不能晚于今天 ${TODAY}`);
    expect(stdout).toContain('第 5 行 (row 5) · 分类来源: 分类来源不能为空');
    expect(stdout).toContain(`第 6 行 (row 6) · 统一社会信用代码: 统一社会信用代码 ${good} 与第 2 行重复`);
    expect(await stored(6000, 4)).toEqual([]);
  });

  it('signs its own coordinator token with the development secret, refuses --division, and the template example row is refused as such', async () => {
    const file = await writeXlsx('secret.xlsx', [[uscc(7000), 'D', SOURCE, addDays(TODAY, -2)]]);
    const signed = await runImport(['--file', file, '--gateway', system.gateway.url], { AUTH_SECRET: TEST_AUTH_SECRET, DATA_DIR: tempDir() });
    expect(signed.code).toBe(0);
    expect(signed.stderr).toContain('协调员令牌 (a coordinator token');
    expect((await stored(7000, 1)).map((row) => row.riskClass)).toEqual(['D']);

    const withDivision = await runImport(['--division', 'ZA', '--file', file, '--gateway', system.gateway.url, '--token', coordinator]);
    expect(withDivision.code).toBe(2);
    expect(withDivision.stderr).toContain('不用 --division');

    const asAdmin = await runImport(['--file', file, '--gateway', system.gateway.url, '--token', await tokens.divisionAdmin('ZA')]);
    expect(asAdmin.code).toBe(2);
    expect(asAdmin.stderr).toContain('FORBIDDEN');

    const template = join(dir, '模板.xlsx');
    expect((await runImport(['--template', 'credit-classes', '--out', template])).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(template);
    expect((workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    const example = await runImport(['--file', template, '--gateway', system.gateway.url, '--token', coordinator]);
    expect(example.code).toBe(1);
    expect(example.stdout).toContain('这是模板中的示例行');
  });
});
