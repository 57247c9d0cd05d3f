import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { BEACON_TOMORROW, committedTask, COMMIT, CREATE, drawn, taskInput, YEAR } from '../joint/helpers';
import { startTestSystem, type TestSystem } from '../support/system';
import { tokens } from '../support/tokens';
import { publishedTask, type PublishedTask } from './fixtures';

jest.setTimeout(240_000);

/**
 * What the public portal tells a visitor about tasks that did not run their full
 * course, and about joint publications — in a real browser without JavaScript —
 * and how a publication prints.
 */
let system: TestSystem;
let origin: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let joint: PublishedTask;
let cancelledAfterDraw: string;
let cancelledCommitted: string;

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA', 'CRJ'], seed: 'demo' });
  origin = new URL(system.gateway.url).origin;
  const coordinator = await tokens.coordinator();
  const cancel = (id: string, reason: string) =>
    system.query(`mutation($id: ID!, $reason: String!) { cancelInspectionTask(id: $id, reason: $reason) { status } }`, { id, reason }, coordinator);

  // A draft with a working title, cancelled before it was ever committed: it never becomes public.
  const draft = await system.query(
    CREATE,
    { input: taskInput({ name: '测试', items: [{ division: 'ZA', code: 'ZA-001' }], ratioBp: 1000, highRiskRatioBp: 1000 }) },
    coordinator,
  );
  await cancel(draft.data.createInspectionTask.id, '误建的测试任务');
  // Committed, and cancelled by the coordinator alone before its beacon's date.
  cancelledCommitted = await committedTask(system, {
    name: '娱乐场所抽查（已撤销）',
    items: [{ division: 'ZA', code: 'ZA-004' }],
    ratioBp: 1000,
    highRiskRatioBp: 1000,
    beacon: BEACON_TOMORROW,
  });
  await cancel(cancelledCommitted, '上级部署专项整治，本轮抽查取消');
  cancelledAfterDraw = await committedTask(system, {
    name: '网吧抽查（抽取后撤销）',
    items: [{ division: 'WA', code: 'WA-001' }],
    ratioBp: 1000,
    highRiskRatioBp: 1000,
  });
  await drawn(system, cancelledAfterDraw, 'cancelled after draw beacon');
  await cancel(cancelledAfterDraw, '检查对象名录有误，重新建库后另行抽取');
  // After the draw the coordinator's cancellation is only a request: a supervisor approves it.
  await system.query(`mutation($id: ID!) { approveCancellation(id: $id, note: "同意撤销") { status } }`, { id: cancelledAfterDraw }, await tokens.supervisor());
  // Last year's task, for the year filter.
  const lastYear = await system.query(
    CREATE,
    {
      input: taskInput({
        name: '上年度印章刻制业抽查',
        year: YEAR - 1,
        items: [{ division: 'ZA', code: 'ZA-002' }],
        ratioBp: 2000,
        highRiskRatioBp: 2000,
        periodStart: `${YEAR - 1}-12-01`,
        periodEnd: `${YEAR - 1}-12-31`,
      }),
    },
    coordinator,
  );
  await system.query(COMMIT, { id: lastYear.data.createInspectionTask.id }, coordinator);
  // A joint publication (ZA + WA + CRJ) with enough results to print several pages.
  joint = await publishedTask(
    system,
    {
      name: '旅馆业联合抽查（打印）',
      items: [
        { division: 'ZA', code: 'ZA-001' },
        { division: 'WA', code: 'WA-003' },
        { division: 'CRJ', code: 'CRJ-001' },
      ],
      ratioBp: 1000,
      highRiskRatioBp: 1000,
    },
    'print beacon',
  );
  browser = await launchChromium();
  context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function mainText(path: string): Promise<string> {
  const response = await page.goto(`${origin}${path}`);
  expect(response!.status()).toBe(200);
  return (await page.locator('main').textContent())!;
}

describe('the public list of tasks (/tasks)', () => {
  it('never lists a draft cancelled before it was committed, nor its working title', async () => {
    const text = await mainText('/tasks');
    expect(text).not.toContain('测试');
    expect(text).not.toContain('误建的测试任务');
    const api = await system.query(`{ inspectionTasks(status: CANCELLED) { totalCount edges { node { name } } } }`);
    expect(api.data.inspectionTasks.edges.map(({ node }: any) => node.name).sort()).toEqual(['娱乐场所抽查（已撤销）', '网吧抽查（抽取后撤销）']);
  });

  it('shows why a task was cancelled, and whether it was drawn first', async () => {
    const row = page.locator('table.stack tbody tr', { hasText: '娱乐场所抽查（已撤销）' });
    await expect(row.textContent()).resolves.toContain('撤销原因：上级部署专项整治，本轮抽查取消');
    const drawnRow = page.locator('table.stack tbody tr', { hasText: '网吧抽查（抽取后撤销）' });
    await expect(drawnRow.textContent()).resolves.toMatch(/已撤销（抽取后撤销）.*撤销原因：检查对象名录有误/s);
  });

  it('keeps to the year asked for', async () => {
    const last = await mainText(`/tasks?year=${YEAR - 1}`);
    expect(last).toContain(`${YEAR - 1}年抽查任务与抽取核验`);
    expect(last).toContain('上年度印章刻制业抽查');
    expect(last).not.toContain('旅馆业联合抽查（打印）');
    const current = await mainText(`/tasks?year=${YEAR}`);
    expect(current).toContain('旅馆业联合抽查（打印）');
    expect(current).not.toContain('上年度印章刻制业抽查');
  });

  it('offers the draw record of a task cancelled after its draw at once, instead of promising it after publication', async () => {
    const text = await mainText(`/tasks/${cancelledAfterDraw}/draw`);
    expect(text).not.toContain('将在本任务检查结果公示后提供下载');
    expect(text).toContain('本任务在抽取后经督查批准撤销，不会实施检查，抽取记录即时公开');
    expect(text).toContain('下载抽取记录 record.json');
    expect(text).toContain('检查对象名录有误，重新建库后另行抽取');
    const before = await mainText(`/tasks/${cancelledCommitted}/draw`);
    expect(before).toContain('本任务在抽取前撤销，未进行抽取');
    expect(before).toContain('上级部署专项整治，本轮抽查取消');
  });
});

describe('a joint publication (ZA + WA + CRJ)', () => {
  it('says 联合抽查 and names every division in its title and on its page', async () => {
    expect(joint.publication.title).toMatch(/^治安管理支队、网络安全保卫支队、出入境管理支队\d{4}年度联合抽查检查结果公告（治安管理支队第\d{3}号）$/);
    const text = await mainText(`/publications/${joint.publication.id}`);
    expect(text).toMatch(/联合抽查\s*治安管理支队（牵头）、网络安全保卫支队、出入境管理支队/);
  });

  it("is found by a WA or CRJ officer under their own division's announcements", async () => {
    for (const division of ['WA', 'CRJ']) {
      await page.goto(`${origin}/publications`);
      await Promise.all([page.waitForURL(new RegExp(`division=${division}`)), page.click(`nav.filters a[href*="division=${division}"]`)]);
      const text = (await page.locator('main').textContent())!;
      expect(text).toContain(joint.publication.title);
      expect(text).toMatch(/联合抽查治安管理支队牵头，网络安全保卫支队、出入境管理支队参加/);
    }
    await page.goto(`${origin}/publications?division=JD`);
    expect(await page.locator('main').textContent()).not.toContain(joint.publication.title);
  });
});

describe('printing a publication', () => {
  it('prints the results as a table on A4 landscape, without the navigation, names on one line', async () => {
    await page.goto(`${origin}/publications/${joint.publication.id}`);
    await page.emulateMedia({ media: 'print' });
    // The printable width of A4 landscape with the page's margins, in CSS pixels.
    await page.setViewportSize({ width: 1047, height: 700 });
    try {
      expect(await page.locator('.site-header').isVisible()).toBe(false);
      expect(await page.locator('.site-footer').isVisible()).toBe(false);
      expect(await page.evaluate("getComputedStyle(document.querySelector('table.stack tbody tr')).display")).toBe('table-row');
      const heights = (await page.evaluate(
        `[...document.querySelectorAll('table.stack td[data-label="名称"]')].map((cell) => cell.getBoundingClientRect().height / parseFloat(getComputedStyle(cell).lineHeight))`,
      )) as number[];
      expect(heights.length).toBe(joint.publication.resultCount);
      // Padding aside, one line of text per name.
      for (const lines of heights) expect(lines).toBeLessThan(2);
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      // A header block, then about 20 results per page (107 results printed on 15 portrait pages before, 5 now).
      expect(pages).toBeLessThanOrEqual(Math.ceil(joint.publication.resultCount / 20) + 1);
      expect(pdf.toString('latin1')).toMatch(/\/MediaBox\s*\[\s*0 0 841\.\d+ 59[45]\.\d+\]/);
    } finally {
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('links the announcement as an A4 PDF that holds every result, for printing without a browser', async () => {
    await page.goto(`${origin}/publications/${joint.publication.id}`);
    const href = await page.locator('a.announcement-pdf').getAttribute('href');
    const response = await fetch(`${origin}${href}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer()).toString('latin1');
    // A4 landscape (842 × 595 points), every page.
    const boxes = pdf.match(/\/MediaBox\s*\[[^\]]*\]/g) ?? [];
    expect(boxes.length).toBeGreaterThan(0);
    for (const box of boxes) expect(box).toMatch(/\[\s*0 0 841\.\d+ 595\.\d+\s*\]/);
  });
});
