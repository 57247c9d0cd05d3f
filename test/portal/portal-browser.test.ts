import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestSystem, type TestSystem } from '../support/system';
import { tempDir } from '../support/temp';
import { inspectorIdentities, publishedTask, type PublishedTask } from './fixtures';
import { FULL_RECORD, openAssignments } from '../joint/helpers';
import { tokens } from '../support/tokens';

jest.setTimeout(180_000);

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const SECRET_FINDING = '该店客房管理系统源代码及会员数据库结构（商业秘密）';
const REFUSAL_FINDING = '经营者拒绝出示旅客登记簿，阻碍检查';

let system: TestSystem;
let origin: string;
let task: PublishedTask;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let downloads: string;
const requests: string[] = [];
const problems: string[] = [];
const htmlSeen = new Map<string, string>();

/** Loads a page (by link or URL) and keeps its HTML for the privacy checks at the end. */
async function remember(label: string): Promise<string> {
  const content = await page.content();
  htmlSeen.set(label, content);
  return content;
}

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA', 'CRJ'], seed: 'demo' });
  origin = new URL(system.gateway.url).origin;
  task = await publishedTask(
    system,
    {
      name: '旅馆业联合抽查（公示平台演示）',
      items: [
        { division: 'ZA', code: 'ZA-001' },
        { division: 'WA', code: 'WA-003' },
      ],
      ratioBp: 100,
      highRiskRatioBp: 100,
    },
    '4 7 1',
    (assignment, _item, index, all) => {
      if (index === 0) return { outcome: 'ISSUES_RECTIFIED_ON_ORDER', findings: SECRET_FINDING, disclosure: 'TRADE_SECRET' };
      if (assignment === all[all.length - 1]) return { outcome: 'REFUSED_INSPECTION', findings: REFUSAL_FINDING, followUp: 'PENALTY' };
      return undefined;
    },
  );
  downloads = tempDir('ssj-portal-browser-');
  browser = await launchChromium();
  // No JavaScript at all: the portal must work without it.
  context = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true, locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe('the public portal in a browser, without JavaScript', () => {
  it('shows the latest published results and the chart of the year on the home page', async () => {
    const response = await page.goto(`${origin}/`);
    expect(response!.status()).toBe(200);
    await expect(page.title()).resolves.toContain('检查结果公示');
    const rows = page.locator('table.stack tbody tr');
    expect(await rows.count()).toBe(task.publication.resultCount);
    await expect(page.locator('table.stack').first().textContent()).resolves.toContain(task.publication.title);
    const chart = page.locator('figure.chart svg[role="img"]');
    expect(await chart.isVisible()).toBe(true);
    expect(await chart.locator('rect').count()).toBeGreaterThan(0);
    expect(await page.locator('.legend li').count()).toBeGreaterThan(0);
    await expect(page.locator('figure.chart').textContent()).resolves.toContain('不配合检查情节严重');
    await remember('home');
    const screenshot = join(downloads, 'portal-home.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect((await readFile(screenshot)).subarray(1, 4).toString()).toBe('PNG');
    if (process.env.UPDATE_SCREENSHOT === '1') {
      await mkdir(join(ROOT, 'gateway', 'docs'), { recursive: true });
      await copyFile(screenshot, join(ROOT, 'gateway', 'docs', 'portal-home.png'));
    }
  });

  it('finds one entity by its USCC through the search form', async () => {
    const uscc = task.assignments[0]!.uscc;
    await page.fill('#q', uscc);
    await Promise.all([page.waitForURL(/\?q=/), page.click('form.search button[type="submit"]')]);
    expect(new URL(page.url()).searchParams.get('q')).toBe(uscc);
    const codes = await page.locator('table.stack td[data-label="统一社会信用代码"]').allTextContents();
    expect(codes.length).toBe(task.assignments[0]!.items.length);
    expect(new Set(codes.map((code) => code.trim()))).toEqual(new Set([uscc]));
    await remember('search');
  });

  it('opens the publication with every result, the refusal and the withheld reason', async () => {
    await Promise.all([page.waitForURL(/\/publications\//), page.click(`a[href="/publications/${task.publication.id}"] >> nth=0`)]);
    await expect(page.locator('h1').textContent()).resolves.toBe(task.publication.title);
    expect(await page.locator('table.stack tbody tr').count()).toBe(task.publication.resultCount);
    const text = (await page.locator('main').textContent())!;
    expect(text).toContain('不配合检查情节严重');
    expect(text).toContain(REFUSAL_FINDING);
    expect(text).toMatch(/不予公示：.*商业秘密/);
    await remember('publication');
  });

  it('opens the draw page and downloads a record that the verify-draw command accepts, and rejects once tampered with', async () => {
    await Promise.all([page.waitForURL(/\/draw$/), page.click(`a[href="/tasks/${task.taskId}/draw"]`)]);
    const text = (await page.locator('main').textContent())!;
    expect(text).toContain('npm run verify-draw -- record.json');
    expect(text).toMatch(/[0-9a-f]{64}/);
    await remember('draw');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href$="/draw/record.json"]')]);
    expect(download.suggestedFilename()).toBe(`${task.taskId}-draw-record.json`);
    const file = join(downloads, 'record.json');
    await download.saveAs(file);
    const record = JSON.parse(await readFile(file, 'utf8'));
    expect(record.pool.task).toBe(task.taskId);
    // The public record names nobody; the supervisors' full record opens it to the entities drawn.
    const full = JSON.parse((await system.query(FULL_RECORD, { id: task.taskId }, await tokens.supervisor())).data.inspectionTask.draw.fullRecord);
    expect(full.record).toEqual(record);
    expect(openAssignments(full).map((assignment) => assignment.uscc)).toEqual(task.assignments.map((assignment) => assignment.uscc));
    for (const assignment of task.assignments) expect(JSON.stringify(record)).not.toContain(assignment.uscc);
    // The pool published at commit, and the specification to check both against, are linked from the same page.
    const [poolDownload] = await Promise.all([page.waitForEvent('download'), page.click('a[href$="/pool.json"]')]);
    expect(poolDownload.suggestedFilename()).toBe(`${task.taskId}-pool.json`);
    const poolFile = join(downloads, 'pool.json');
    await poolDownload.saveAs(poolFile);
    expect(JSON.parse(await readFile(poolFile, 'utf8'))).toEqual(record.pool);
    expect(await page.locator('a[href="/draw-algorithm.md"]').count()).toBeGreaterThan(0);
    const specification = await fetch(new URL('/draw-algorithm.md', system.gateway.url));
    expect(specification.headers.get('content-type')).toMatch(/^text\/markdown; charset=utf-8/);
    expect(await specification.text()).toContain('# The verifiable draw — SSJ-DRAW-2');

    const verify = join(ROOT, 'dist', 'scripts', 'verify-draw.js');
    const ok = await run(process.execPath, [verify, file]);
    expect(ok.stdout).toMatch(/^OK: /);

    const tampered = join(downloads, 'record-tampered.json');
    const swapped = record.secret.replace(/^./, (first: string) => (first === '0' ? '1' : '0'));
    await writeFile(tampered, (await readFile(file, 'utf8')).replace(record.secret, swapped));
    const failed = await run(process.execPath, [verify, tampered]).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('FAILED');
  });

  it("lists every division's item list", async () => {
    await Promise.all([page.waitForURL(/\/items$/), page.click('nav.site-nav a[href="/items"]')]);
    const text = (await page.locator('main').textContent())!;
    for (const name of ['治安管理支队', '网络安全保卫支队', '出入境管理支队']) expect(text).toContain(name);
    await remember('items');
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    try {
      const small = await phone.newPage();
      small.on('request', (request) => requests.push(request.url()));
      for (const path of ['/', `/publications/${task.publication.id}`, `/tasks/${task.taskId}/draw`, '/items', '/tasks']) {
        await small.goto(`${origin}${path}`);
        expect(await small.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      }
      // Rows of results become cards on a phone rather than a table wider than the screen.
      expect(await small.evaluate("getComputedStyle(document.querySelector('table.stack tbody tr')).display")).toBe('block');
    } finally {
      await phone.close();
    }
  });

  it('made every request to the gateway itself, with nothing blocked by the content policy', () => {
    expect(requests.length).toBeGreaterThan(5);
    for (const url of requests) expect(new URL(url).origin).toBe(origin);
    expect(problems).toEqual([]);
  });

  it('never showed a withheld finding or an inspector on any page', () => {
    expect(htmlSeen.size).toBe(5);
    const identities = inspectorIdentities([task]);
    for (const [label, content] of htmlSeen) {
      expect({ label, leaked: content.includes(SECRET_FINDING) }).toEqual({ label, leaked: false });
      for (const value of identities) expect({ label, value, leaked: content.includes(value) }).toEqual({ label, value, leaked: false });
    }
  });
});
