import { approveResults } from '../joint/helpers';
import { assignmentsOf, recordResult } from '../portal/fixtures';
import { tokens } from '../support/tokens';
import { startWorkbenchSystem, type WorkbenchSystem } from './system';

/** 联席办: a joint task from the wizard to its publication, in the browser, on the demo directories. */
describe('the coordinator area of the workbench', () => {
  let wb: WorkbenchSystem;

  beforeAll(async () => {
    wb = await startWorkbenchSystem();
  }, 120_000);

  afterAll(async () => {
    await wb?.stop();
  });

  it('creates a joint task of two divisions, previews its pool, commits, draws and publishes it', async () => {
    const context = await wb.newContext();
    const page = await wb.signIn(context, 'coordinator');
    const policyViolations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && message.text().includes('Content Security Policy')) policyViolations.push(message.text());
    });
    await page.getByRole('button', { name: '新建联合检查任务' }).click();

    // Items of 治安 and 网安, with their published ratios beside.
    for (const code of ['ZA-001', 'WA-003'])
      await page
        .getByRole('row', { name: new RegExp(code) })
        .getByRole('checkbox')
        .check();
    await page.getByText('联合检查', { exact: true }).waitFor();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText(/所选事项公布的抽查比例：ZA-001 \d/).waitFor();
    await page.getByLabel('任务名称').fill('工作台联合抽查（旅馆业）');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('ZA-001').first().waitFor();
    await page.getByRole('button', { name: '保存为草拟任务' }).click();

    // The draft's page: its pool as it would be fixed now, per division.
    await page.waitForURL(/\/workbench\/coordinator\/tasks\//);
    const taskId = decodeURIComponent(page.url().split('/tasks/')[1]!);
    await page.getByText('抽取池预览（确定前）').waitFor();
    const preview = await wb.system.query(
      `query($id: ID!) { inspectionTask(id: $id) { status isJoint poolPreview { targets divisions { division targets inspectors } } } }`,
      { id: taskId },
      await tokens.coordinator(),
    );
    expect(preview.data.inspectionTask).toMatchObject({ status: 'DRAFT', isJoint: true });
    const pool = preview.data.inspectionTask.poolPreview;
    expect(pool.targets).toBeGreaterThan(0);
    expect(pool.divisions.map((row: any) => row.division)).toEqual(['WA', 'ZA']);
    await page
      .getByRole('cell', { name: String(pool.divisions[1].targets), exact: true })
      .first()
      .waitFor();

    await page.getByRole('button', { name: '确定任务（固定检查对象库）' }).click();
    await page.getByRole('button', { name: '确定', exact: true }).click();
    await page.getByText('已确定', { exact: true }).first().waitFor();
    await page.getByText('种子承诺值').waitFor();

    await page.getByLabel('随机源数值').fill('4 7 1');
    await page.getByRole('button', { name: '抽取', exact: true }).click();
    await page.getByText('抽取结果').waitFor();
    const assignments = await assignmentsOf(wb.system, taskId);
    expect(assignments.length).toBeGreaterThan(0);
    await page.getByRole('cell', { name: new RegExp(assignments[0]!.uscc) }).waitFor();

    // Publishing before results are in is refused, in the API's words.
    await page.getByRole('button', { name: '公示结果' }).click();
    await page.getByRole('button', { name: '公示', exact: true }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /项检查结果未录入，全部录入后方可一次性公示/ })
      .waitFor();

    for (const assignment of assignments) for (const item of assignment.items) await recordResult(wb.system, assignment, item);
    await approveResults(wb.system, taskId);
    await page.reload();
    await page.getByRole('button', { name: '公示结果' }).click();
    await page.getByRole('button', { name: '公示', exact: true }).click();
    await page.getByText('已公示', { exact: true }).first().waitFor();
    const stored = await wb.system.query(`query($id: ID!) { inspectionTask(id: $id) { status } }`, { id: taskId }, await tokens.coordinator());
    expect(stored.data.inspectionTask.status).toBe('PUBLISHED');

    // Nothing the workbench does runs into its own Content-Security-Policy.
    expect(policyViolations).toEqual([]);

    // The task's public page is one click away.
    const [portal] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: '公示页面' }).click()]);
    await portal.waitForLoadState();
    expect(new URL(portal.url()).pathname).toBe(`/tasks/${encodeURIComponent(taskId)}/draw`);
    if (process.env.WORKBENCH_SCREENSHOTS) {
      await page.goto(`${wb.origin}/workbench/coordinator`);
      await page.getByRole('link', { name: taskId }).waitFor();
      await page.screenshot({ path: 'docs/screenshots/coordinator.png' });
    }
    await context.close();
  });
});
