import { approveResults, COMMIT, CREATE, drawn, onDataLead, taskInput, TODAY, YEAR } from '../joint/helpers';
import { tokens, userToken } from '../support/tokens';
import { ACCOUNTS, startWorkbenchSystem, type WorkbenchSystem } from './system';

/**
 * 督查 and 统计分析 in the workbench: a joint task's whole life in the audit trail,
 * a cancellation request decided in the browser, and the analyst's statistics without
 * the audit log.
 */
describe('the supervisor and analyst area', () => {
  let wb: WorkbenchSystem;
  let published: string;
  let requested: string;
  let toReject: string;
  let ownRequest: string;
  const REASON = '检查对象名录有误，重新建库后另行抽取';

  async function as<T = any>(token: string, query: string, variables: Record<string, unknown>): Promise<T> {
    const answer = await wb.system.query(query, variables, token);
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return answer.data as T;
  }

  beforeAll(async () => {
    wb = await startWorkbenchSystem();
    const coordinator = await tokens.coordinator();
    const create = async (overrides: Record<string, unknown>) => {
      const id = (await as(coordinator, CREATE, { input: taskInput(overrides) })).createInspectionTask.id as string;
      await as(coordinator, COMMIT, { id });
      return id;
    };
    // A task whose cancellation a coordinator requests (from the beacon's date on it waits for a supervisor).
    const requestCancellation = async (name: string, token: string) => {
      const id = await create({ name, items: [{ division: 'JD', code: 'JD-001' }] });
      const cancel = await as(token, `mutation($id: ID!, $reason: String!) { cancelInspectionTask(id: $id, reason: $reason) { status } }`, {
        id,
        reason: REASON,
      });
      expect(cancel.cancelInspectionTask.status).toBe('CANCELLATION_REQUESTED');
      return id;
    };
    requested = await requestCancellation('待审批撤销的任务', coordinator);
    toReject = await requestCancellation('将被驳回撤销的任务', coordinator);
    // Requested by the supervisor's own account (钱督查 also acting as coordinator): the API wants someone else to decide.
    const own = await userToken({ sub: ACCOUNTS.supervisor.username, name: ACCOUNTS.supervisor.displayName, roles: ['coordinator'] });
    ownRequest = await requestCancellation('本人申请撤销的任务', own);

    // A joint task from creation to publication: committed, drawn, every result recorded, reviewed and published.
    published = await create({
      name: `${YEAR}年度旅馆业联合抽查（督查）`,
      items: [
        { division: 'ZA', code: 'ZA-001' },
        { division: 'WA', code: 'WA-003' },
      ],
    });
    const { opened } = await drawn(wb.system, published);
    expect(opened.length).toBeGreaterThan(0);
    for (const [index, assignment] of opened.entries()) {
      for (const division of assignment.divisions) {
        const member = assignment.team.find((seat) => seat.division === division)!;
        await as(
          await tokens.inspector(division, member.id),
          `mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!) { recordResult(assignment: $a, item: $item, input: $input) { outcome } }`,
          {
            a: `${published}-${String(index + 1).padStart(3, '0')}`,
            item: { division, code: division === 'ZA' ? 'ZA-001' : 'WA-003' },
            input: { method: '实地检查', inspectedOn: TODAY, outcome: 'NO_ISSUES_FOUND' },
          },
        );
      }
    }
    expect(await approveResults(wb.system, published)).toBeGreaterThan(0);
    await as(coordinator, `mutation($id: ID!) { publishInspectionTask(id: $id) { id } }`, { id: published });

    // A DIRECTED task of 治安 on two hotels named by a data lead, committed.
    const directory = await as(coordinator, `{ division(code: "ZA") { targets(category: "旅馆", status: ACTIVE, first: 2) { edges { node { uscc } } } } }`, {});
    const hotels = directory.division.targets.edges.map((edge: { node: { uscc: string } }) => edge.node.uscc);
    await create({
      name: '定向检查（大数据线索）',
      kind: 'DIRECTED',
      ratioBp: 10000,
      highRiskRatioBp: 10000,
      items: [{ division: 'ZA', code: 'ZA-001' }],
      directedTargets: onDataLead(hotels),
    });
  }, 240_000);

  afterAll(async () => {
    await wb?.stop();
  });

  it('shows every step of a joint task in the audit trail filtered by the task, and checks the chain', async () => {
    const context = await wb.newContext();
    const page = await wb.signIn(context, 'supervisor');
    expect(new URL(page.url()).pathname).toBe('/workbench/supervisor');
    await page.getByRole('tab', { name: '审计日志', selected: true }).waitFor();
    await page.getByLabel('任务编号').fill(published);
    await page.getByRole('button', { name: '查询' }).click();
    const rows = page.locator('.ant-table-tbody');
    await rows.getByText(`task:${published}`, { exact: true }).first().waitFor();
    // The task's own entries and its assignments', read to the end page by page.
    const TOTAL = `query($s: String) { auditTrail(subject: $s, first: 0) { totalCount } }`;
    const supervisor = await tokens.supervisor();
    let total = 0;
    for (const subject of [`task:${published}`, `assignment:${published}-*`]) total += (await as(supervisor, TOTAL, { s: subject })).auditTrail.totalCount;
    expect(total).toBeGreaterThan(50);
    await page
      .getByTestId('audit-count')
      .getByText(new RegExp(`已加载 \\d+ 条，共 ${total} 条`))
      .waitFor();
    expect(await rows.locator('tr.ant-table-row').count()).toBeLessThan(total);
    const counter = page.getByTestId('audit-count');
    for (let loaded = await rows.locator('tr.ant-table-row').count(); loaded < total;) {
      await page.getByRole('button', { name: '加载更多' }).click();
      await counter.getByText(new RegExp(`已加载 (?!${loaded} )\\d+ 条`)).waitFor();
      loaded = Number(/已加载 (\d+)/.exec(await counter.innerText())![1]);
    }
    await page.getByTestId('audit-count').getByText(`已加载 ${total} 条，共 ${total} 条`).waitFor();
    expect(await rows.locator('tr.ant-table-row').count()).toBe(total);
    for (const step of ['创建任务', '确定任务', '随机抽取', '录入结果', '审核通过', '公示结果']) {
      await rows.locator('.ant-tag', { hasText: step }).first().waitFor();
    }
    // Who did it, by name and role; and a result's subject names the task's assignment.
    await rows.getByText('联席办 张协调').first().waitFor();
    await rows.getByText('执法检查人员').first().waitFor();
    await rows.getByText('法制审核').first().waitFor();
    await rows
      .getByText(new RegExp(`^assignment:${published}-001:`))
      .first()
      .waitFor();
    // Nothing of the other task.
    expect(await rows.getByText(`task:${requested}`).count()).toBe(0);

    await page.getByRole('button', { name: '校验审计链' }).click();
    await page.getByTestId('chain-report').getByText('联席办（联合抽查）审计链完整').waitFor();
    if (process.env.WORKBENCH_SCREENSHOTS) await page.screenshot({ path: 'docs/screenshots/supervisor.png', fullPage: false });

    // A division's own log, and its chain.
    await page.getByLabel('范围').click();
    await page.locator('.ant-select-item-option', { hasText: '（ZA）' }).click();
    await page.getByLabel('任务编号').fill('');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('button', { name: '校验审计链' }).click();
    await page
      .getByTestId('chain-report')
      .getByText(/（ZA）审计链完整/)
      .waitFor();
    await context.close();
  });

  it('counts the DIRECTED tasks per division and lists no overdue task', async () => {
    const context = await wb.newContext();
    const page = await wb.signIn(context, 'supervisor', '/workbench/supervisor?tab=directed');
    const row = page.getByRole('row', { name: /（ZA）/ });
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    expect(cells.map((cell) => cell.trim())).toEqual([expect.stringMatching(/（ZA）$/), '1', '0', '1', '0']);
    await page.getByText(/其中定向任务 1 个/).waitFor();
    await page.getByRole('tab', { name: '逾期任务' }).click();
    await page.getByText('暂无逾期任务').waitFor();
    await context.close();
  });

  it('lets the supervisor approve a requested cancellation with a note', async () => {
    const context = await wb.newContext();
    const page = await wb.signIn(context, 'supervisor', '/workbench/supervisor?tab=cancellations');
    const row = page.getByRole('row', { name: new RegExp(requested) });
    await row.getByText(REASON).waitFor();
    await row.getByText('联席办 张协调').waitFor();
    await row.getByRole('button', { name: '批准' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '批准撤销' }).click();
    await dialog.getByText('请填写审批意见').waitFor();
    await dialog.getByLabel('审批意见').fill('经核实，同意撤销');
    await dialog.getByRole('button', { name: '批准撤销' }).click();
    await page.getByText(`已批准撤销：${requested}`).waitFor();
    await row.waitFor({ state: 'detached' });
    const task = await as(await tokens.coordinator(), `query($id: ID!) { inspectionTask(id: $id) { status cancellation { note approvedBy { name } } } }`, {
      id: requested,
    });
    expect(task.inspectionTask).toMatchObject({ status: 'CANCELLED', cancellation: { note: '经核实，同意撤销', approvedBy: { name: '钱督查' } } });

    // Rejected: the task is committed again and leaves the list.
    const other = page.getByRole('row', { name: new RegExp(toReject) });
    await other.getByRole('button', { name: '驳回' }).click();
    await dialog.getByLabel('审批意见').fill('名录已核实无误，继续执行');
    await dialog.getByRole('button', { name: '驳回撤销' }).click();
    await page.getByText(`已驳回撤销：${toReject}`).waitFor();
    await other.waitFor({ state: 'detached' });
    const rejected = await as(await tokens.coordinator(), `query($id: ID!) { inspectionTask(id: $id) { status cancellation { reason } } }`, { id: toReject });
    expect(rejected.inspectionTask).toEqual({ status: 'COMMITTED', cancellation: null });

    // The supervisor's own request: the API's refusal, as it words it, and the request stays.
    const own = page.getByRole('row', { name: new RegExp(ownRequest) });
    await own.getByRole('button', { name: '批准' }).click();
    await dialog.getByLabel('审批意见').fill('同意');
    await dialog.getByRole('button', { name: '批准撤销' }).click();
    await dialog
      .getByTestId('decision-error')
      .getByText(/^撤销申请须由申请人以外的人审批/)
      .waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    await own.waitFor();
    await context.close();
  });

  it('shows the analyst the statistics and exports, and no audit log', async () => {
    const context = await wb.newContext();
    const page = await wb.signIn(context, 'analyst');
    await page.getByRole('tab', { name: '统计', selected: true }).waitFor();
    await page.getByRole('tab', { name: '导出' }).waitFor();
    for (const tab of ['审计日志', '逾期任务', '撤销申请', '定向任务']) expect(await page.getByRole('tab', { name: tab }).count()).toBe(0);
    const cards = page.getByTestId('stats-cards');
    await cards.getByText('已公示').waitFor();
    expect(Number((await cards.locator('.ant-col', { hasText: '已公示' }).locator('.ant-statistic-content-value').innerText()).trim())).toBeGreaterThanOrEqual(
      1,
    );
    // The published results per division (治安 and 网安 took part in the joint task).
    await page
      .locator('.ant-table-tbody')
      .getByText(/（ZA）/)
      .waitFor();
    await page
      .locator('.ant-table-tbody')
      .getByText(/（WA）/)
      .waitFor();

    // Asking for the audit tab by address shows the statistics all the same.
    await page.goto(`${wb.origin}/workbench/supervisor?tab=audit`);
    await page.getByRole('tab', { name: '统计', selected: true }).waitFor();

    // The exports, downloaded with the analyst's token.
    await page.getByRole('tab', { name: '导出' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载统计 CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`ssj-stats-${YEAR}.csv`);
    const [results] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载检查结果 Excel' }).click()]);
    expect(results.suggestedFilename()).toBe(`ssj-results-${YEAR}.xlsx`);
    await context.close();
  });
});
