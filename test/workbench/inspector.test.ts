import type { Locator, Page } from 'playwright-core';
import { TODAY } from '../joint/helpers';
import { tokens } from '../support/tokens';
import { drawnJointTask, type DrawnTask } from './drawn-task';
import { startWorkbenchSystem, type WorkbenchSystem } from './system';

const RESULTS = `query($id: ID!) { inspectionTask(id: $id) { assignments(first: 500) { edges { node { id
  results { item { division code } outcome findings method inspectedOn followUp referredTo disclosure recordedBy { division id } review { status } } } } } } }`;

/** Picks an option of the antd Select that `field` (its input) opens. */
async function choose(page: Page, field: Locator, label: string) {
  await field.click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(label, { exact: true }).click();
}

/** 执法检查人员 on a phone: their assignments, and a result recorded for each item of their division. */
describe('the inspector area', () => {
  let wb: WorkbenchSystem;
  let task: DrawnTask;

  beforeAll(async () => {
    wb = await startWorkbenchSystem();
    task = await drawnJointTask(wb.system);
  }, 180_000);

  afterAll(async () => {
    await wb?.stop();
  });

  it('lists the assignments of a drawn ZA inspector and records the results of their items, the API refusing an incomplete one in its own words', async () => {
    const inspectorId = task.inspectorIds('ZA')[0]!;
    const mine = task.assignments.filter((assignment) => assignment.inspectors.some((seat) => seat.division === 'ZA' && seat.id === inspectorId));
    expect(mine.length).toBeGreaterThan(0);
    await wb.addAccount({ username: 'za-drawn', displayName: '刘抽中', roles: ['inspector'], division: 'ZA', inspectorId });
    const context = await wb.newContext({ width: 390, height: 844 });
    const page = await wb.signIn(context, { username: 'za-drawn', displayName: '刘抽中', roles: ['inspector'], division: 'ZA', inspectorId });
    expect(new URL(page.url()).pathname).toBe('/workbench/inspector');

    const assignment = mine[0]!;
    const card = page.getByTestId(`assignment-${assignment.id}`);
    await card.getByText(assignment.entityName).waitFor();
    await card.getByText(task.name).waitFor();
    await card.getByText(`统一社会信用代码：${assignment.uscc}`).waitFor();
    await card.getByText(`已录入 0/${assignment.items.length}`).waitFor();
    await card.getByRole('button', { name: '打开检查' }).click();
    await page.waitForURL(`${wb.origin}/workbench/inspector/assignments/${assignment.id}`);
    await page.getByText('检查组').waitFor();
    await page.getByText('特种行业许可证、旅客住宿登记、安全防范措施').waitFor();
    // 网安's item is theirs to record: no form here.
    if (assignment.items.some((item) => item.division === 'WA'))
      await page.locator('[data-item="WA-003"]').getByText('暂无结果（由 WA 的检查人员录入）').waitFor();

    const entered: Record<string, { outcome: string; findings: string }> = {};
    for (const item of assignment.items.filter((candidate) => candidate.division === 'ZA')) {
      const form = page.getByTestId(`result-form-${item.code}`);
      // The outcome left out: the form says so before anything is sent.
      await form.getByRole('button', { name: '提交结果' }).click();
      await form.locator('.ant-form-item-explain-error').getByText('请选择检查结果').waitFor();
      // A problem found but no findings: the API refuses, and its message stands next to 检查情况 and above the button.
      await choose(page, form.locator(`#result-${item.code}_outcome`), '发现问题已责令改正');
      await form.getByRole('button', { name: '提交结果' }).click();
      await form
        .locator(`#result-${item.code}_findings_help`)
        .getByText(/须填写检查情况/)
        .waitFor();
      await form
        .locator('.ant-alert')
        .getByText(/须填写检查情况/)
        .waitFor();
      const findings = `${item.code}：旅客住宿登记不全，已当场责令改正`;
      await form.locator(`#result-${item.code}_findings`).fill(findings);
      await choose(page, form.locator(`#result-${item.code}_followUp`), '行政处罚');
      await form.getByRole('button', { name: '提交结果' }).click();
      await page.getByText('检查结果已保存，等待法制审核').waitFor();
      const recorded = page.locator(`[data-item="${item.code}"]`).getByTestId('recorded-result');
      await recorded.getByText('待审核').waitFor();
      await recorded.getByText(findings).waitFor();
      entered[item.code] = { outcome: 'ISSUES_RECTIFIED_ON_ORDER', findings };
    }

    await page.getByRole('link', { name: '← 返回我的检查任务' }).click();
    await page
      .getByTestId(`assignment-${assignment.id}`)
      .getByText(`已录入 ${Object.keys(entered).length}/${assignment.items.length}`)
      .waitFor();
    await page
      .getByTestId(`assignment-${assignment.id}`)
      .getByText(`待审核 ${Object.keys(entered).length}`)
      .waitFor();
    if (process.env.WORKBENCH_SCREENSHOTS) await page.screenshot({ path: 'docs/screenshots/inspector.png', fullPage: false });
    await context.close();

    const answer = await wb.system.query(RESULTS, { id: task.id }, await tokens.supervisor());
    expect(answer.errors).toBeUndefined();
    const node = answer.data.inspectionTask.assignments.edges.map((edge: any) => edge.node).find((candidate: any) => candidate.id === assignment.id);
    expect(node.results).toHaveLength(Object.keys(entered).length);
    for (const result of node.results) {
      expect(result).toEqual({
        item: { division: 'ZA', code: result.item.code },
        outcome: entered[result.item.code]!.outcome,
        findings: entered[result.item.code]!.findings,
        method: '实地检查',
        inspectedOn: TODAY,
        followUp: 'PENALTY',
        referredTo: null,
        disclosure: 'PUBLIC',
        recordedBy: { division: 'ZA', id: inspectorId },
        review: { status: 'PENDING' },
      });
    }
  }, 180_000);
});
