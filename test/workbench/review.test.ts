import { TODAY } from '../joint/helpers';
import { tokens } from '../support/tokens';
import { drawnJointTask, type DrawnAssignment, type DrawnTask } from './drawn-task';
import { ACCOUNTS, startWorkbenchSystem, type AccountSpec, type WorkbenchSystem } from './system';

const RECORD = `mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!) { recordResult(assignment: $a, item: $item, input: $input) { review { status } } }`;
const REVIEWS = `query($id: ID!) { inspectionTask(id: $id) { assignments(first: 500) { edges { node { id
  results { item { division code } review { status note by { name } } } } } } } }`;

const seatOf = (assignment: DrawnAssignment, division: string) => assignment.inspectors.find((seat) => seat.division === division)!.id;

/** 法制审核: a ZA reviewer returns one result with a note and approves another; the inspector sees the note. */
describe('the review area', () => {
  let wb: WorkbenchSystem;
  let task: DrawnTask;
  let returned: DrawnAssignment;
  let approved: DrawnAssignment;

  beforeAll(async () => {
    wb = await startWorkbenchSystem();
    task = await drawnJointTask(wb.system);
    const withZa = task.assignments.filter((assignment) => assignment.items.some((item) => item.division === 'ZA'));
    [returned, approved] = withZa as [DrawnAssignment, DrawnAssignment];
    expect(approved).toBeDefined();
    for (const [assignment, findings] of [
      [returned, '旅客住宿登记簿缺少三日记录'],
      [approved, null],
    ] as const) {
      const input = { outcome: findings ? 'ISSUES_RECTIFIED_ON_ORDER' : 'NO_ISSUES_FOUND', findings, method: '实地检查', inspectedOn: TODAY };
      const token = await tokens.inspector('ZA', seatOf(assignment, 'ZA'));
      const answer = await wb.system.query(RECORD, { a: assignment.id, item: { division: 'ZA', code: 'ZA-001' }, input }, token);
      expect(answer.errors).toBeUndefined();
    }
    // 网安's result on the same entity waits for 网安's reviewers, not ZA's.
    if (returned.items.some((item) => item.division === 'WA')) {
      const input = { outcome: 'NO_ISSUES_FOUND', method: '实地检查', inspectedOn: TODAY };
      const token = await tokens.inspector('WA', seatOf(returned, 'WA'));
      const answer = await wb.system.query(RECORD, { a: returned.id, item: { division: 'WA', code: 'WA-003' }, input }, token);
      expect(answer.errors).toBeUndefined();
    }
  }, 180_000);

  afterAll(async () => {
    await wb?.stop();
  });

  it('lists the results waiting for ZA, returns one with its required note and approves another, and the inspector sees the note', async () => {
    const context = await wb.newContext();
    const page = await wb.signIn(context, 'reviewer');
    expect(new URL(page.url()).pathname).toBe('/workbench/review');
    const returnCard = page.getByTestId(`review-${returned.id}-ZA-001`);
    const approveCard = page.getByTestId(`review-${approved.id}-ZA-001`);
    await returnCard.getByText('旅客住宿登记簿缺少三日记录').waitFor();
    await returnCard.getByText(returned.uscc).waitFor();
    await returnCard.getByText(`执法检查人员 ${seatOf(returned, 'ZA')}`).waitFor();
    await returnCard.getByText('发现问题已责令改正').waitFor();
    await approveCard.getByText('未发现问题').waitFor();
    await page.getByText('共 2 条待审核').waitFor();
    expect(await page.getByTestId(`review-${returned.id}-WA-003`).count()).toBe(0);
    if (process.env.WORKBENCH_SCREENSHOTS) await page.screenshot({ path: 'docs/screenshots/review.png', fullPage: false });

    // A return needs a note: the dialog says so before anything is sent.
    await returnCard.getByRole('button', { name: '退回' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '确认退回' }).click();
    await dialog.getByText('退回时须填写审核意见').waitFor();
    const note = '检查情况未写明整改期限，请补充后重新录入';
    await dialog.getByLabel('审核意见').fill(note);
    await dialog.getByRole('button', { name: '确认退回' }).click();
    await page.getByText('已退回录入人').waitFor();
    await returnCard.waitFor({ state: 'detached' });

    await approveCard.getByRole('button', { name: '审核通过' }).click();
    await page.getByText('已审核通过').waitFor();
    await approveCard.waitFor({ state: 'detached' });
    await page.getByText('暂无待审核的检查结果').waitFor();
    await context.close();

    const answer = await wb.system.query(REVIEWS, { id: task.id }, await tokens.supervisor());
    expect(answer.errors).toBeUndefined();
    const reviewOf = (assignment: DrawnAssignment) =>
      answer.data.inspectionTask.assignments.edges
        .map((edge: any) => edge.node)
        .find((node: any) => node.id === assignment.id)
        .results.find((result: any) => result.item.division === 'ZA').review;
    expect(reviewOf(returned)).toEqual({ status: 'RETURNED', note, by: { name: ACCOUNTS.reviewer.displayName } });
    expect(reviewOf(approved)).toEqual({ status: 'APPROVED', note: null, by: { name: ACCOUNTS.reviewer.displayName } });

    // The inspector who recorded it sees the note, and records the result again.
    const inspector: AccountSpec = {
      username: 'za-returned',
      displayName: '周录入',
      roles: ['inspector'],
      division: 'ZA',
      inspectorId: seatOf(returned, 'ZA'),
    };
    await wb.addAccount(inspector);
    const phone = await wb.newContext({ width: 390, height: 844 });
    const own = await wb.signIn(phone, inspector, `/workbench/inspector/assignments/${returned.id}`);
    const item = own.locator('[data-item="ZA-001"]');
    await item.getByText('已退回').waitFor();
    await item.getByText(new RegExp(`审核意见：${note}`)).waitFor();
    await item.getByRole('button', { name: '重新录入' }).click();
    await item.locator('#result-ZA-001_findings').fill('旅客住宿登记簿缺少三日记录，责令三日内整改完毕');
    await item.getByRole('button', { name: '保存更正' }).click();
    await own.getByText('检查结果已保存，等待法制审核').waitFor();
    await item.getByTestId('recorded-result').getByText('待审核').waitFor();
    await phone.close();
  }, 180_000);
});
