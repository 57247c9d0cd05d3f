import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { withUsccCheckCharacter } from '../../common/uscc';
import { tokens } from '../support/tokens';
import { ACCOUNTS, startWorkbenchSystem, type WorkbenchSystem } from './system';

/** Five hotels a clerk adds to ZA's directory, and a sixth whose code has the wrong check character. */
const IMPORTED = [1, 2, 3, 4, 5].map((n) => ({
  uscc: withUsccCheckCharacter(`91411000MAWB0000${n}`),
  name: `许昌市导入测试第${n}旅馆有限公司`,
}));
const BAD_USCC = (() => {
  const good = withUsccCheckCharacter('91411000MAWB00009');
  return good.slice(0, 17) + (good.endsWith('1') ? '2' : '1');
})();

/** The spreadsheet as the template lays it out: the bad row is the sheet's row 5 (the header is row 1). */
async function writeSpreadsheet(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('检查对象');
  sheet.addRow(['统一社会信用代码', '名称', '类型', '经营范围', '地址', '类别', '状态']);
  const row = (uscc: string, name: string) => sheet.addRow([uscc, name, '企业', '住宿服务', '许昌市魏都区测试路8号', '旅馆', '存续']);
  IMPORTED.slice(0, 3).forEach((entry) => row(entry.uscc, entry.name));
  row(BAD_USCC, '许昌市校验位错误旅馆');
  IMPORTED.slice(3).forEach((entry) => row(entry.uscc, entry.name));
  await workbook.xlsx.writeFile(file);
}

const TARGETS_QUERY = `query Imported($search: String) { division(code: "ZA") { targets(search: $search, first: 50) { totalCount edges { node { uscc name categories status } } } } }`;

describe('the division administrator area', () => {
  let wb: WorkbenchSystem;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    wb = await startWorkbenchSystem();
    dir = mkdtempSync(join(tmpdir(), 'ssj-division-'));
    file = join(dir, '检查对象导入.xlsx');
    await writeSpreadsheet(file);
  }, 120_000);

  afterAll(async () => {
    await wb?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the spreadsheet endpoint without a token (401) and to another role (403), in Chinese', async () => {
    const url = `${wb.origin}/workbench/api/spreadsheet?kind=targets&name=a.csv`;
    const body = '统一社会信用代码,名称\n';
    const anonymous = await fetch(url, { method: 'POST', body });
    expect(anonymous.status).toBe(401);
    const anonymousAnswer = (await anonymous.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(anonymousAnswer.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(anonymousAnswer.errors[0]!.message).toMatch(/需要登录/);

    const inspector = await fetch(url, { method: 'POST', body, headers: { authorization: `Bearer ${await tokens.inspector('ZA', 'ZA-0001')}` } });
    expect(inspector.status).toBe(403);
    const inspectorAnswer = (await inspector.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(inspectorAnswer.errors[0]!.extensions.code).toBe('FORBIDDEN');
    expect(inspectorAnswer.errors[0]!.message).toMatch(/只有部门管理员/);

    // The administrator's file is read and checked, nothing written: a header without 地址 names the column.
    const adminToken = await tokens.divisionAdmin('ZA');
    const csv = `统一社会信用代码,名称,类型,经营范围,类别\n${IMPORTED[0]!.uscc},某旅馆,企业,住宿服务,旅馆\n`;
    const missing = await fetch(url, { method: 'POST', body: csv, headers: { authorization: `Bearer ${adminToken}` } });
    expect(missing.status).toBe(200);
    const missingAnswer = (await missing.json()) as { rows: unknown[]; errors: { row: number; field: string; code: string; message: string }[] };
    expect(missingAnswer.rows).toEqual([]);
    expect(missingAnswer.errors).toEqual([
      expect.objectContaining({ row: 1, field: 'address', code: 'MISSING_COLUMN', message: expect.stringContaining('缺少必填列「地址」') }),
    ]);

    const tooLarge = await fetch(url, { method: 'POST', body: Buffer.alloc(11 * 1024 * 1024, 0x41), headers: { authorization: `Bearer ${adminToken}` } });
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/文件超过 10 MB 上限/);
  });

  it('imports a spreadsheet: the good rows are saved, the bad one is reported by its spreadsheet row, and the directory finds them', async () => {
    const context = await wb.newContext();
    const page = await wb.signIn(context, 'admin', '/workbench/division/import');
    expect(new URL(page.url()).pathname).toBe('/workbench/division/import');
    await page.getByTestId('viewer').getByText(ACCOUNTS.admin.displayName, { exact: false }).waitFor();

    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByText('检查对象导入.xlsx：5 行可导入，1 行有问题（不会导入）').waitFor();
    await page.getByRole('button', { name: '开始导入' }).click();

    await page.getByText('已发送 5 / 5 行').waitFor();
    const report = page.getByTestId('import-report');
    await report.getByText('导入完成').waitFor();
    await report.getByText('检查对象 5 行已保存，1 行被拒绝').waitFor();
    const bad = report.getByRole('row').filter({ hasText: '第 5 行' });
    await bad.getByText('统一社会信用代码', { exact: true }).waitFor();
    await bad.getByText(/校验位错误/).waitFor();
    const count = async (title: string) =>
      (await report.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content').innerText()).trim();
    expect(await count('新增')).toBe('5');
    expect(await count('被拒绝')).toBe('1');

    // Through the API: the five are in ZA's directory, the bad row is not.
    const admin = await tokens.divisionAdmin('ZA');
    const imported = await wb.system.query<{ division: { targets: { totalCount: number; edges: { node: { uscc: string; categories: string[] } }[] } } }>(
      TARGETS_QUERY,
      { search: '导入测试' },
      admin,
    );
    expect(imported.errors).toBeUndefined();
    expect(imported.data!.division.targets.edges.map((edge) => edge.node.uscc).sort()).toEqual(IMPORTED.map((entry) => entry.uscc).sort());
    const badOne = await wb.system.query<{ division: { targets: { totalCount: number } } }>(TARGETS_QUERY, { search: '校验位错误' }, admin);
    expect(badOne.data!.division.targets.totalCount).toBe(0);

    // The directory page finds one of them by name.
    await page.getByRole('menuitem', { name: '检查对象名录' }).click();
    await page.waitForURL(`${wb.origin}/workbench/division/targets`);
    await page.getByRole('searchbox', { name: '搜索检查对象' }).fill(IMPORTED[2]!.name);
    await page.getByRole('searchbox', { name: '搜索检查对象' }).press('Enter');
    const found = page.getByRole('row').filter({ hasText: IMPORTED[2]!.uscc });
    await found.getByText(IMPORTED[2]!.name).waitFor();
    await found.getByText('存续').waitFor();
    await page.getByText('共 1 条，第 1 / 1 页').waitFor();

    await page.getByRole('menuitem', { name: '检查事项' }).click();
    await page.getByRole('cell', { name: 'ZA-001', exact: true }).waitFor();
    if (process.env.WORKBENCH_SCREENSHOTS) await page.screenshot({ path: join(__dirname, '../../docs/screenshots/division.png'), fullPage: false });
    await context.close();
  });

  it('marks expiring 执法证 and declares and withdraws a conflict of interest with a reason', async () => {
    const admin = await tokens.divisionAdmin('ZA');
    const soon = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    const expiring = await wb.system.query<{ division: { inspectors: { totalCount: number } } }>(
      'query Expiring($before: Date) { division(code: "ZA") { inspectors(certificateValidBefore: $before, first: 1) { totalCount } } }',
      { before: soon },
      admin,
    );
    const expiringCount = expiring.data!.division.inspectors.totalCount;
    expect(expiringCount).toBeGreaterThan(0);
    const someTarget = await wb.system.query<{ division: { targets: { edges: { node: { uscc: string } }[] } } }>(
      'query { division(code: "ZA") { targets(first: 1, status: ACTIVE) { edges { node { uscc } } } } }',
      {},
      admin,
    );
    const uscc = someTarget.data!.division.targets.edges[0]!.node.uscc;

    const context = await wb.newContext();
    const page = await wb.signIn(context, 'admin', '/workbench/division/inspectors');
    await page.getByText(/^共 \d+ 条/).waitFor();
    await page.getByRole('checkbox', { name: /仅看执法证已过期或 90 天内到期/ }).check();
    await page.getByText(`共 ${expiringCount} 条，第 1 / ${Math.ceil(expiringCount / 20)} 页`).waitFor();
    const rows = page.locator('tbody tr.ant-table-row');
    const shown = await rows.count();
    expect(shown).toBe(Math.min(expiringCount, 20));
    for (let i = 0; i < shown; i++) expect(await rows.nth(i).innerText()).toMatch(/已过期|即将到期/);
    await page.getByRole('checkbox', { name: /仅看执法证已过期/ }).uncheck();

    const search = page.getByRole('searchbox', { name: '搜索执法检查人员' });
    await search.fill('ZA-0002');
    await search.press('Enter');
    await page.getByText('共 1 条，第 1 / 1 页').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'ZA-0002' }).first();
    await row.getByRole('button', { name: '申报回避' }).click();
    const declare = page.getByRole('dialog');
    await declare.getByLabel('检查对象统一社会信用代码').fill(uscc);
    await declare.getByRole('button', { name: '申报' }).click();
    await declare.getByText('请填写回避理由').waitFor();
    await declare.getByLabel('回避理由').fill('配偶在该单位任职');
    await declare.getByRole('button', { name: '申报' }).click();
    await page.getByText('已申报回避').waitFor();
    await declare.waitFor({ state: 'hidden' });

    await row.getByRole('button', { name: /展开/ }).click();
    const conflict = page.getByRole('row').filter({ hasText: uscc }).filter({ hasText: '配偶在该单位任职' });
    await conflict.getByText('有效').waitFor();
    await conflict.getByRole('button', { name: '撤回' }).click();
    const withdraw = page.getByRole('dialog');
    await withdraw.getByRole('button', { name: '撤回' }).click();
    await withdraw.getByText('请填写撤回理由').waitFor();
    await withdraw.getByLabel('撤回理由').fill('申报有误，该人员配偶未在该单位任职');
    await withdraw.getByRole('button', { name: '撤回' }).click();
    await page.getByText('已撤回回避申报').waitFor();
    await conflict.getByText(/^已于 .* 撤回$/).waitFor();

    const after = await wb.system.query<{
      division: { inspectors: { edges: { node: { conflicts: { uscc: string; withdrawnAt: string | null; withdrawalReason: string | null }[] } }[] } };
    }>(
      'query { division(code: "ZA") { inspectors(search: "ZA-0002", first: 1) { edges { node { conflicts(includeWithdrawn: true) { uscc withdrawnAt withdrawalReason } } } } } }',
      {},
      admin,
    );
    const declared = after.data!.division.inspectors.edges[0]!.node.conflicts.find((entry) => entry.uscc === uscc);
    expect(declared?.withdrawnAt).toBeTruthy();
    expect(declared?.withdrawalReason).toBe('申报有误，该人员配偶未在该单位任职');
    await context.close();
  });
});
