import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { createTokenVerifier } from '../../gateway/src/auth';
import { mountExports } from '../../gateway/src/exports';
import { createLogger } from '../../common/logger';
import ExcelJS from 'exceljs';
import { codeCell, csvDocument, csvField, defuseFormula } from '../../gateway/src/exports/csv';
import { onDataLead, REVIEW, TODAY, YEAR } from '../joint/helpers';
import { inspectorIdentities, publishedTask, saveHotel, AMEND, type PublishedTask } from '../portal/fixtures';
import { startTestSystem, type TestSystem } from '../support/system';
import { TEST_AUTH_SECRET, tokens, userToken } from '../support/tokens';

jest.setTimeout(180_000);

const SECRET_FINDING = '客房管理系统源代码（商业秘密）';
const FORMULA_FINDING = '=HYPERLINK("http://evil.example/x","点击查看整改通知")';
const AWKWARD_FINDING = '消防通道堵塞，"安全出口"标志缺失\r\n已当场责令整改';
const FORMULA_NAME = '=HYPERLINK("http://evil.example","宾馆")';

let system: TestSystem;
let base: string;
let analyst: string;
let hotels: PublishedTask;
let formula: PublishedTask;
let formulaUscc: string;
/** An all-numeric USCC: Excel would show 9.14110E+17 and keep only 15 digits. */
let numericUscc: string;

async function download(path: string, token?: string) {
  const response = await fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { response, bytes, text: bytes.toString('utf8') };
}

/** Parses with an independent RFC 4180 parser; the BOM must be there and is stripped first. */
function rows(text: string): Array<Record<string, string>> {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return parse(text.slice(1), { columns: true, relax_column_count: false }) as Array<Record<string, string>>;
}

async function publicTotal(variables: Record<string, unknown>): Promise<number> {
  const result = await system.query(`query($y: Int!, $d: ID) { publicResults(year: $y, division: $d, first: 1) { totalCount } }`, variables);
  return result.data.publicResults.totalCount;
}

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA', 'CRJ'], seed: 'demo' });
  base = system.gateway.url.replace(/\/graphql$/, '');
  analyst = await tokens.analyst();
  const special = [
    { outcome: 'ISSUES_RECTIFIED_ON_ORDER', findings: SECRET_FINDING, disclosure: 'TRADE_SECRET' },
    { outcome: 'ISSUES_RECTIFIED_ON_ORDER', findings: FORMULA_FINDING },
    { outcome: 'ISSUES_RECTIFIED_ON_ORDER', findings: AWKWARD_FINDING },
  ];
  hotels = await publishedTask(
    system,
    {
      name: '旅馆业联合抽查（数据导出）',
      items: [
        { division: 'ZA', code: 'ZA-001' },
        { division: 'WA', code: 'WA-003' },
      ],
      ratioBp: 300,
      highRiskRatioBp: 300,
    },
    'export beacon',
    (_assignment, _item, index) => special[index],
  );
  formulaUscc = await saveHotel(system, 'ZA', '91411000MA47XQ0B2', FORMULA_NAME);
  numericUscc = await saveHotel(system, 'ZA', '91411000123456700', '许昌市数字代码宾馆有限公司');
  expect(numericUscc).toMatch(/^\d{18}$/);
  formula = await publishedTask(
    system,
    {
      name: '定向检查（数据导出）',
      kind: 'DIRECTED',
      ratioBp: 10000,
      highRiskRatioBp: 10000,
      directedTargets: onDataLead([formulaUscc, numericUscc]),
      items: [{ division: 'ZA', code: 'ZA-001' }],
    },
    'directed export beacon',
  );
  const amended = hotels.assignments[hotels.assignments.length - 1]!;
  const correction = await system.query(
    AMEND,
    {
      a: amended.id,
      item: amended.items[0],
      input: { outcome: 'ISSUES_RECTIFIED_ON_ORDER', findings: '复查发现未登记旅客身份信息，已责令改正', method: '实地检查', inspectedOn: TODAY },
      reason: '原记录录入错误',
    },
    await tokens.coordinator(),
  );
  expect(correction.errors).toBeUndefined();
  // A correction is public once a reviewer of the item's division approves it.
  const approved = await system.query(
    REVIEW,
    { a: amended.id, item: amended.items[0], approve: true, note: null },
    await tokens.reviewer(amended.items[0]!.division),
  );
  expect(approved.errors).toBeUndefined();
});

afterAll(() => system?.stop());

describe('CSV formatting', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(null)).toBe('');
    expect(csvField(42)).toBe('42');
    expect(csvDocument(['a', 'b'], [[1, 'x,y']])).toBe('\uFEFFa,b\r\n1,"x,y"\r\n');
  });

  it('defuses text that a spreadsheet would run as a formula, and leaves numbers alone', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(defuseFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(defuseFormula('正常文本=1')).toBe('正常文本=1');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('=A1,"B"')).toBe('"\'=A1,""B"""');
    expect(csvField(-5)).toBe('-5');
  });
});

describe('GET /export/results.csv', () => {
  it('asks for a token, and refuses roles without access to statistics', async () => {
    const anonymous = await download(`/export/results.csv?year=${YEAR}`);
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.response.headers.get('www-authenticate')).toContain('Bearer');
    expect(JSON.parse(anonymous.text).error.message).toMatch(/登录.*sign in/);
    const forged = await download(
      `/export/results.csv?year=${YEAR}`,
      await userToken({ roles: ['analyst'] }, { secret: 'not-the-secret-0123456789abcdefghij' }),
    );
    expect(forged.response.status).toBe(401);
    for (const token of [await tokens.divisionAdmin('ZA'), await tokens.inspector('ZA', 'ZA-0001')]) {
      const refused = await download(`/export/results.csv?year=${YEAR}`, token);
      expect(refused.response.status).toBe(403);
      expect(JSON.parse(refused.text).error.code).toBe('FORBIDDEN');
    }
    for (const token of [await tokens.supervisor(), await tokens.coordinator()])
      expect((await download(`/export/results.csv?year=${YEAR}`, token)).response.status).toBe(200);
  });

  it('refuses a bad year or division with 400', async () => {
    for (const query of ['year=20x6', 'year=1999', 'year=2026&year=2027', `year=${YEAR}&division=z!`]) {
      const bad = await download(`/export/results.csv?${query}`, analyst);
      expect(bad.response.status).toBe(400);
      expect(JSON.parse(bad.text).error.code).toBe('BAD_REQUEST');
    }
  });

  it('holds one row per published result of the year, corrections included and marked, with a BOM and a header row', async () => {
    const { response, text } = await download(`/export/results.csv?year=${YEAR}`, analyst);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="ssj-results-${YEAR}.csv"`);
    expect(text.slice(1, text.indexOf('\r\n'))).toBe(
      '记录编号,公告编号,公告标题,公示日期,公示时间,统一社会信用代码,名称,部门,抽查事项,检查结果,检查结果代码,检查情况,不予公示理由,移送机关,检查日期,是否更正,更正原因,被更正记录编号',
    );
    const data = rows(text);
    expect(data.length).toBe(await publicTotal({ y: YEAR }));
    expect(data.length).toBe(hotels.publication.resultCount + formula.publication.resultCount + 1);
    const corrections = data.filter((row) => row['是否更正'] === '是');
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toMatchObject({ 更正原因: '原记录录入错误', 公告标题: `${hotels.publication.title}（更正）` });
    expect(data.some((row) => row['记录编号'] === corrections[0]!['被更正记录编号'])).toBe(true);
    for (const row of data) expect(row['公示日期']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('shows the withheld reason, never the withheld finding, and no inspector', async () => {
    const { text } = await download(`/export/results.csv?year=${YEAR}`, analyst);
    expect(text).not.toContain(SECRET_FINDING);
    const withheld = rows(text).filter((row) => row['不予公示理由'] !== '');
    expect(withheld).toHaveLength(1);
    expect(withheld[0]!['不予公示理由']).toContain('商业秘密');
    expect(withheld[0]!['检查情况']).toBe('');
    for (const value of inspectorIdentities([hotels, formula])) expect(text).not.toContain(value);
  });

  it('neutralises formulas in names and findings, and keeps quotes and line breaks intact', async () => {
    const data = rows((await download(`/export/results.csv?year=${YEAR}`, analyst)).text);
    const named = data.find((row) => row['统一社会信用代码'] === `="${formulaUscc}"`)!;
    expect(named['名称']).toBe(`'${FORMULA_NAME}`);
    expect(data.find((row) => row['检查情况'].includes('HYPERLINK'))!['检查情况']).toBe(`'${FORMULA_FINDING}`);
    expect(data.some((row) => row['检查情况'] === AWKWARD_FINDING.trim())).toBe(true);
    for (const row of data) {
      // The one formula in the file: a code of letters and digits as text (="…"), nothing else.
      const { 统一社会信用代码: code, ...others } = row;
      expect(code).toMatch(/^="[0-9A-Z]{18}"$/);
      for (const value of Object.values(others)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('writes every USCC so that Excel and WPS keep it as text: ="914110001234567005" in the CSV', async () => {
    expect(csvField(codeCell('914110001234567005'))).toBe('"=""914110001234567005"""');
    expect(csvField(codeCell('91411000MA47XQ0B2X'))).toBe('"=""91411000MA47XQ0B2X"""');
    // Anything but letters, digits and hyphens is plain, defused text.
    expect(csvField(codeCell('=1+1'))).toBe("'=1+1");
    const { text } = await download(`/export/results.csv?year=${YEAR}`, analyst);
    expect(text).toContain(`,"=""${numericUscc}""",`);
    const data = rows(text);
    const numeric = data.filter((row) => row['统一社会信用代码'] === `="${numericUscc}"`);
    expect(numeric).toHaveLength(1);
    expect(numeric[0]!['名称']).toBe('许昌市数字代码宾馆有限公司');
  });

  it('is also an Excel workbook whose code cells are text cells holding all 18 digits', async () => {
    const { response, bytes } = await download(`/export/results.xlsx?year=${YEAR}`, analyst);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="ssj-results-${YEAR}.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('检查结果')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const csv = rows((await download(`/export/results.csv?year=${YEAR}`, analyst)).text);
    expect(header).toEqual(Object.keys(csv[0]!));
    expect(sheet.rowCount - 1).toBe(csv.length);
    const column = header.indexOf('统一社会信用代码') + 1;
    const codes = sheet.getColumn(column).values.slice(2) as unknown[];
    expect(codes).toContain(numericUscc);
    for (const code of codes) expect(typeof code).toBe('string');
    const cell = sheet.getRow(codes.indexOf(numericUscc) + 2).getCell(column);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.numFmt).toBe('@');
    // A name that looks like a formula is a string, never a formula.
    const names = sheet.getColumn(header.indexOf('名称') + 1).values.slice(2);
    expect(names).toContain(FORMULA_NAME);
    expect(workbook.getWorksheet('说明')!.getRow(1).getCell(1).value).toMatch(/已公示/);
  });

  it('filters by division', async () => {
    const { response, text } = await download(`/export/results.csv?year=${YEAR}&division=za`, analyst);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="ssj-results-${YEAR}-ZA.csv"`);
    const data = rows(text);
    expect(data.length).toBe(await publicTotal({ y: YEAR, d: 'ZA' }));
    expect(data.length).toBeGreaterThan(0);
    expect(data.length).toBeLessThan(await publicTotal({ y: YEAR }));
    expect(new Set(data.map((row) => row['部门']))).toEqual(new Set(['治安管理支队']));
  });

  it('is empty but for the header in a year without publications', async () => {
    const data = rows((await download(`/export/results.csv?year=${YEAR - 5}`, analyst)).text);
    expect(data).toEqual([]);
  });
});

describe('GET /export/stats.csv', () => {
  const STATS = `query($y: Int!, $d: ID) { inspectionStats(year: $y, division: $d) { tasks cancelled drawn published overdue entitiesInspected violationRateBp resultsByOutcome { outcome label count } } }`;

  it('needs the same roles as the results', async () => {
    expect((await download(`/export/stats.csv?year=${YEAR}`)).response.status).toBe(401);
    expect((await download(`/export/stats.csv?year=${YEAR}`, await tokens.divisionAdmin('WA'))).response.status).toBe(403);
    expect((await download(`/export/stats.csv?year=abcd`, analyst)).response.status).toBe(400);
  });

  it('has a row per division and a total row, matching inspectionStats', async () => {
    const { response, text } = await download(`/export/stats.csv?year=${YEAR}`, analyst);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="ssj-stats-${YEAR}.csv"`);
    const data = rows(text);
    expect(data.map((row) => row['部门代码'])).toEqual(['ZA', 'WA', 'CRJ', '']);
    expect(data[3]!['部门名称']).toBe('合计（全部部门）');
    for (const row of data) {
      const stats = (await system.query(STATS, { y: YEAR, d: row['部门代码'] || null }, analyst)).data.inspectionStats;
      expect(row).toMatchObject({
        年度: String(YEAR),
        '任务数（不含已撤销）': String(stats.tasks),
        已撤销任务数: String(stats.cancelled),
        已抽取任务数: String(stats.drawn),
        已公示任务数: String(stats.published),
        逾期任务数: String(stats.overdue),
        '检查市场主体数（有已公示结果；联合抽查的主体在每个参与部门各计一次，合计只计一次）': String(stats.entitiesInspected),
        '违法率(%)': String(Number((stats.violationRateBp / 100).toFixed(2))),
      });
      for (const entry of stats.resultsByOutcome) expect(row[`检查结果：${entry.label}`]).toBe(String(entry.count));
    }
    expect(Number(data[3]!['已公示任务数'])).toBe(2);
    // The per-division entity counts may add up to more than the total, and the file says why.
    expect(Object.keys(data[0]!).find((column) => column.startsWith('检查市场主体数'))).toContain('联合抽查的主体在每个参与部门各计一次');
    expect(Number(data[0]!['检查结果：不配合检查情节严重'])).toBe(0);
    expect(Number(data[3]!['检查结果：发现问题已责令改正'])).toBeGreaterThan(0);
  });
});

describe('GET /export/stats.xlsx', () => {
  it('holds the rows of stats.csv and a 说明 sheet on what each count includes', async () => {
    const { response, bytes } = await download(`/export/stats.xlsx?year=${YEAR}`, analyst);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('统计')!;
    const csv = rows((await download(`/export/stats.csv?year=${YEAR}`, analyst)).text);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(Object.keys(csv[0]!));
    expect(
      sheet
        .getColumn(1)
        .values.slice(2)
        .map((value) => value ?? ''),
    ).toEqual(csv.map((row) => row['部门代码']));
    expect(sheet.getRow(2).getCell(4).value).toBe(Number(csv[0]!['任务数（不含已撤销）']));
    const notes = workbook.getWorksheet('说明')!.getColumn(1).values.join('\n');
    expect(notes).toContain('任务数不含已撤销的任务');
    expect(notes).toContain('各部门之和可能大于合计行');
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a client has used its burst of downloads', async () => {
    const app = express();
    mountExports(
      app,
      {
        graphqlUrl: () => system.gateway.url,
        verifyToken: createTokenVerifier({ secret: TEST_AUTH_SECRET }),
        production: false,
        explorer: false,
        logger: createLogger('export-test', 'silent'),
      },
      { rateLimit: { capacity: 2, refillPerSecond: 0.01 } },
    );
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/export/stats.csv?year=${YEAR}`;
    try {
      const headers = { authorization: `Bearer ${analyst}` };
      expect((await fetch(url, { headers })).status).toBe(200);
      expect((await fetch(url, { headers })).status).toBe(200);
      const limited = await fetch(url, { headers });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
