import express from 'express';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { createTokenVerifier } from '../../gateway/src/auth';
import { mountPortal } from '../../gateway/src/portal';
import { escapeHtml, html, trusted } from '../../common/html';
import { isInternalCall, rateLimit, TokenBuckets, internalCallHeaders } from '../../gateway/src/rate-limit';
import type { SiteContext } from '../../gateway/src/site-context';
import { createLogger } from '../../common/logger';
import { onDataLead, REVIEW, TODAY, YEAR } from '../joint/helpers';
import { startTestSystem, type TestSystem } from '../support/system';
import { TEST_AUTH_SECRET, tokens } from '../support/tokens';
import { AMEND, drawnWithResults, inspectorIdentities, publishedTask, saveHotel, type PublishedTask } from './fixtures';

jest.setTimeout(180_000);

const HOSTILE_NAME = '<script>alert(1)</script>“悦来”宾馆';
const HOSTILE_FINDING = '前台张贴<img src=x onerror=alert(2)>告示，已责令整改';
const SECRET_FINDING = '客房门禁系统密钥及会员数据（商业秘密）';

let system: TestSystem;
let base: string;
let hostile: PublishedTask;
let hotels: PublishedTask;
let unpublishedTaskId: string;
let hostileUscc: string;

async function get(path: string, init: RequestInit = {}) {
  const response = await fetch(`${base}${path}`, { redirect: 'manual', ...init });
  return { response, text: await response.text() };
}

/** A plain express app on a free port, for the parts tested outside the gateway. */
async function serve(app: express.Express): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function siteFor(graphqlUrl: string): SiteContext {
  return {
    graphqlUrl: () => graphqlUrl,
    verifyToken: createTokenVerifier({ secret: TEST_AUTH_SECRET }),
    production: false,
    explorer: false,
    logger: createLogger('portal-test', 'silent'),
  };
}

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA', 'CRJ'], seed: 'demo' });
  base = system.gateway.url.replace(/\/graphql$/, '');
  hotels = await publishedTask(
    system,
    {
      name: '旅馆业联合抽查（公示平台）',
      items: [
        { division: 'ZA', code: 'ZA-001' },
        { division: 'WA', code: 'WA-003' },
      ],
      ratioBp: 1000,
      highRiskRatioBp: 1000,
    },
    '4 7 1',
    (_assignment, _item, index) => (index === 0 ? { outcome: 'ISSUES_RECTIFIED_ON_ORDER', findings: SECRET_FINDING, disclosure: 'TRADE_SECRET' } : undefined),
  );
  hostileUscc = await saveHotel(system, 'ZA', '91411000MA47XQ0A1', HOSTILE_NAME);
  hostile = await publishedTask(
    system,
    {
      name: '投诉举报定向检查（旅馆）',
      kind: 'DIRECTED',
      ratioBp: 10000,
      highRiskRatioBp: 10000,
      directedTargets: onDataLead([hostileUscc]),
      items: [{ division: 'ZA', code: 'ZA-001' }],
    },
    'directed beacon 1',
    () => ({ outcome: 'ISSUES_RECTIFIED_ON_ORDER', findings: HOSTILE_FINDING }),
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
  unpublishedTaskId = (
    await drawnWithResults(system, { name: '印章刻制业抽查', items: [{ division: 'ZA', code: 'ZA-002' }], ratioBp: 100, highRiskRatioBp: 100 }, 'seal beacon')
  ).taskId;
});

afterAll(() => system?.stop());

describe('security headers', () => {
  it('sends a strict policy with every portal response: pages, assets and errors', async () => {
    const home = await get('/');
    expect(home.response.status).toBe(200);
    const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(home.text)![1]!;
    expect(stylesheet).toMatch(/^\/assets\/portal-[0-9a-f]{12}\.css$/);
    const css = await get(stylesheet);
    expect(css.response.status).toBe(200);
    expect(css.response.headers.get('content-type')).toMatch(/^text\/css/);
    const missing = await get('/publications/ZA-1999-999');
    for (const { response } of [home, css, missing]) {
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'none'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('serves pages with no script, no inline style and nothing from another origin', async () => {
    for (const path of ['/', '/publications', `/publications/${hotels.publication.id}`, '/items', '/tasks', `/tasks/${hotels.taskId}/draw`]) {
      const { response, text } = await get(path);
      expect(response.status).toBe(200);
      expect(text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(text).not.toMatch(/<script/i);
      expect(text).not.toMatch(/\sstyle=/i);
      expect(text).not.toMatch(/(src|href)="(https?:)?\/\//i);
    }
  });
});

describe('escaping', () => {
  it('escapes text, attributes and nested values, and keeps only what is marked trusted', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\``)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;');
    const name = '<script>alert(1)</script>';
    expect(html`<td title="${name}">${name}</td>`.value).toBe('<td title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(html`<ul>${['<b>', html`<li>${'&'}</li>`]}</ul>`.value).toBe('<ul>&lt;b&gt;<li>&amp;</li></ul>');
    expect(html`${trusted('<br>')}${null}${undefined}${false}${0}`.value).toBe('<br>0');
  });

  it('shows a hostile entity name and finding as text on every page that lists them', async () => {
    for (const path of ['/', `/?q=${encodeURIComponent(hostileUscc)}`, `/publications/${hostile.publication.id}`]) {
      const { text } = await get(path);
      expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(text).toContain('&lt;img src=x onerror=alert(2)&gt;');
      expect(text).not.toContain('<script>alert(1)');
      expect(text).not.toContain('<img src=x');
    }
  });

  it('echoes a search for <script> escaped, in the heading and in the search box', async () => {
    const { response, text } = await get(`/?q=${encodeURIComponent('<script>"x')}`);
    expect(response.status).toBe(200);
    expect(text).toContain('value="&lt;script&gt;&quot;x"');
    expect(text).toContain('“&lt;script&gt;&quot;x”的检查结果');
    expect(text).not.toMatch(/<script/i);
  });
});

describe('pages', () => {
  it('lists the latest results with a working search and a chart of the year with a legend and a data table', async () => {
    const { text } = await get('/');
    expect(text).toContain(hotels.publication.title);
    expect(text).toContain('<svg class="bars" role="img" aria-labelledby="outcome-chart-title outcome-chart-desc"');
    expect(text).toContain(`<title id="outcome-chart-title">${YEAR}年各部门检查结果分布`);
    expect(text).toContain('class="legend"');
    expect(text).toContain('以表格查看数据');
    expect(text).toContain('治安管理支队');
    const uscc = hotels.assignments[0]!.uscc;
    const search = await get(`/?q=${uscc}`);
    const codes = [...search.text.matchAll(/<span class="mono">([0-9A-Z]{18})<\/span>/g)].map((match) => match[1]);
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes)).toEqual(new Set([uscc]));
  });

  it('pages through results with a next-page link built from the cursor', async () => {
    const rows = (text: string) => text.match(/<tr>\s*<td data-label="名称">/g)?.length ?? 0;
    const first = await get('/');
    const total = Number(/共 (\d+) 条已公示结果/.exec(first.text)![1]);
    expect(total).toBeGreaterThan(20);
    expect(rows(first.text)).toBe(20);
    expect(first.text).not.toContain('返回第一页');
    const next = /<a rel="next" href="\/\?after=([A-Za-z0-9_-]+)">/.exec(first.text);
    expect(next).not.toBeNull();
    const second = await get(`/?after=${next![1]}`);
    expect(second.response.status).toBe(200);
    expect(rows(second.text)).toBe(Math.min(20, total - 20));
    expect(second.text).toContain('返回第一页');
  });

  it('refuses a malformed year or cursor with a 400 page in Chinese', async () => {
    const year = await get('/?year=20x6');
    expect(year.response.status).toBe(400);
    expect(year.text).toContain('年份应为');
    const cursor = await get('/?after=not*a*cursor');
    expect(cursor.response.status).toBe(400);
  });

  it('shows a publication with every result, the withheld reason instead of the finding, and corrections with their reason', async () => {
    const { text } = await get(`/publications/${hotels.publication.id}`);
    expect(text).toContain(hotels.publication.title);
    expect(text).toContain('不予公示');
    expect(text).toContain('商业秘密');
    expect(text).not.toContain(SECRET_FINDING);
    expect(text).toContain('<span class="badge">更正</span>');
    expect(text).toContain('更正原因：原记录录入错误');
    expect(text).toContain('已更正');
    expect(text).toContain(`href="/tasks/${hotels.taskId}/draw"`);
    const rows = text.match(/<tr>\s*<td data-label="名称">/g) ?? [];
    expect(rows.length).toBe(hotels.publication.resultCount + 1);
  });

  it("lists every division's items with ratio, frequency and method", async () => {
    const { text } = await get('/items');
    for (const name of ['治安管理支队', '网络安全保卫支队', '出入境管理支队']) expect(text).toContain(name);
    expect(text).toContain('ZA-001');
    expect(text).toMatch(/<td data-label="抽查比例" class="num">\d+(\.\d+)?%<\/td>/);
    expect(text).toMatch(/每年 \d+ 次/);
    expect(text).toContain('抽查依据');
  });

  it('shows a published draw with its commitment, secret, seed and digest, and serves the record as a download', async () => {
    const task = await system.query(`query($id: ID!) { inspectionTask(id: $id) { seedCommitment draw { secret seed poolDigest beacon record } } }`, {
      id: hotels.taskId,
    });
    const { draw, seedCommitment } = task.data.inspectionTask;
    const page = await get(`/tasks/${hotels.taskId}/draw`);
    for (const value of [seedCommitment, draw.secret, draw.seed, draw.poolDigest]) expect(page.text).toContain(value);
    expect(page.text).toContain('npm run verify-draw -- record.json');
    expect(page.text).toContain(`href="/tasks/${hotels.taskId}/draw/record.json"`);
    const record = await get(`/tasks/${hotels.taskId}/draw/record.json`);
    expect(record.response.status).toBe(200);
    expect(record.response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(record.response.headers.get('content-disposition')).toBe(`attachment; filename="${hotels.taskId}-draw-record.json"`);
    expect(record.text).toBe(draw.record);
  });

  it('keeps the record of an unpublished draw back, saying when it becomes available', async () => {
    const page = await get(`/tasks/${unpublishedTaskId}/draw`);
    expect(page.response.status).toBe(200);
    expect(page.text).toContain('检查结果公示后提供下载');
    expect(page.text).not.toContain('record.json"');
    const record = await get(`/tasks/${unpublishedTaskId}/draw/record.json`);
    expect(record.response.status).toBe(403);
    expect(record.text).toContain('公示后公开');
  });

  it('lists committed tasks with their commitments', async () => {
    const { text } = await get('/tasks');
    expect(text).toContain(`/tasks/${unpublishedTaskId}/draw`);
    expect(text).toContain(`/tasks/${hotels.taskId}/draw`);
    expect(text).toMatch(/<code>[0-9a-f]{64}<\/code>/);
  });

  it("never shows an inspector's name, id or certificate number", async () => {
    const identities = inspectorIdentities([hostile, hotels]);
    const ids = new Set([hostile, hotels].flatMap((task) => task.assignments.flatMap((assignment) => assignment.team.map((member) => member.id))));
    for (const path of [
      '/',
      '/publications',
      `/publications/${hotels.publication.id}`,
      `/publications/${hostile.publication.id}`,
      `/tasks/${hotels.taskId}/draw`,
      '/tasks',
    ]) {
      const { text } = await get(path);
      for (const value of identities) expect(text).not.toContain(value);
      for (const id of ids) expect(text).not.toContain(`>${id}<`);
    }
  });
});

describe('errors', () => {
  it('answers unknown publications, tasks and paths with a friendly 404 page', async () => {
    for (const path of ['/publications/ZA-1999-999', '/tasks/T1999-9999/draw', '/tasks/T1999-9999/draw/record.json', '/no-such-page']) {
      const { response, text } = await get(path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(text).toContain('<html lang="zh-CN">');
      expect(text).toMatch(/没有编号为|不存在|无效/);
      expect(text).toContain('返回检查结果公示首页');
    }
  });

  it('answers with a 503 page in Chinese when the API is down', async () => {
    const closed = await serve(express());
    const deadUrl = `${closed.url}/graphql`;
    await closed.close();
    const app = express();
    mountPortal(app, siteFor(deadUrl));
    const portal = await serve(app);
    try {
      for (const path of ['/', `/publications/${hotels.publication.id}`, '/items']) {
        const response = await fetch(`${portal.url}${path}`);
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('30');
        expect(await response.text()).toContain('服务暂时不可用');
      }
    } finally {
      await portal.close();
    }
  });
});

describe('mounted beside the API', () => {
  it('leaves /graphql, /health and /ready to the gateway', async () => {
    const result = await system.query(`{ divisions { code } }`);
    expect(result.status).toBe(200);
    expect(result.data.divisions.map((division: { code: string }) => division.code)).toEqual(['ZA', 'WA', 'CRJ']);
    const health = await get('/health');
    expect(health.response.status).toBe(200);
    expect(JSON.parse(health.text)).toEqual({ status: 'ok' });
    const ready = await get('/ready');
    expect(JSON.parse(ready.text).ready).toBe(true);
    const exportWithoutToken = await get('/export/results.csv');
    expect(exportWithoutToken.response.status).toBe(401);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a client has used its burst, and lets it in again after refilling', async () => {
    let now = 1_000_000;
    const app = express();
    app.use(rateLimit({ capacity: 3, refillPerSecond: 0.5, now: () => now }));
    app.get('/', (_req, res) => {
      res.send('ok');
    });
    const server = await serve(app);
    try {
      for (let i = 0; i < 3; i++) expect((await fetch(server.url)).status).toBe(200);
      const limited = await fetch(server.url);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('2');
      expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
      now += 2000;
      expect((await fetch(server.url)).status).toBe(200);
      expect((await fetch(server.url)).status).toBe(429);
    } finally {
      await server.close();
    }
  });

  it('keeps one bucket per client and forgets idle ones when full', () => {
    const buckets = new TokenBuckets(1, 1, 2);
    expect(buckets.take('a', 0)).toBe(0);
    expect(buckets.take('a', 0)).toBe(1);
    expect(buckets.take('b', 0)).toBe(0);
    expect(buckets.take('c', 500)).toBe(0);
    expect(buckets.size).toBe(2);
    expect(buckets.take('b', 500)).toBeGreaterThan(0);
  });

  it('is applied to the portal, with a page in Chinese', async () => {
    const app = express();
    mountPortal(app, siteFor(system.gateway.url), { rateLimit: { capacity: 2, refillPerSecond: 0.01 } });
    const portal = await serve(app);
    try {
      expect((await fetch(`${portal.url}/items`)).status).toBe(200);
      expect((await fetch(`${portal.url}/items`)).status).toBe(200);
      const limited = await fetch(`${portal.url}/items`);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.headers.get('content-security-policy')).toContain("script-src 'none'");
      expect(await limited.text()).toContain('访问过于频繁');
    } finally {
      await portal.close();
    }
  });

  it("recognises the portal's own calls to /graphql so a limit there can skip them", () => {
    const header = (headers: Record<string, string>) => ({ header: (name: string) => headers[name.toLowerCase()] }) as unknown as express.Request;
    expect(isInternalCall(header(internalCallHeaders()))).toBe(true);
    expect(isInternalCall(header({ 'x-ssj-internal-call': 'guess' }))).toBe(false);
    expect(isInternalCall(header({}))).toBe(false);
  });
});
