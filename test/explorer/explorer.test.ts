import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestSystem, type TestSystem } from '../support/system';
import { tokens } from '../support/tokens';

let system: TestSystem;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA'], seed: 'demo' });
  origin = new URL(system.gateway.url).origin;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

/** A fresh browser page that records every request and every refusal of the page's security policy. */
async function openExplorer(): Promise<{ page: Page; requests: string[]; problems: string[]; close(): Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const response = await page.goto(`${origin}/explorer`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await page.locator('.graphiql-execute-button').waitFor();
  return { page, requests, problems, close: () => context.close() };
}

async function runAndWaitFor(page: Page, text: string): Promise<string> {
  await page.locator('.graphiql-execute-button').click();
  const result = page.locator('.graphiql-response', { hasText: text });
  await result.waitFor({ timeout: 20_000 });
  return result.innerText();
}

describe('the explorer (查询工具) at /explorer', () => {
  it('runs the first example, the public item list, and loads nothing from another origin', async () => {
    const { page, requests, problems, close } = await openExplorer();
    try {
      expect(await page.locator('.graphiql-tab').count()).toBeGreaterThanOrEqual(10);
      const result = await runAndWaitFor(page, '旅馆业治安管理检查');
      expect(result).toContain('"checklist"');
      expect(result).toContain('ZA-001');

      expect(requests.some((url) => url.endsWith('/explorer/operations.json'))).toBe(true);
      expect(requests.some((url) => /\/explorer\/assets\/graphiql-3\.8\.3\/graphiql\.min\.js$/.test(url))).toBe(true);
      expect(requests.some((url) => url === `${origin}/graphql`)).toBe(true);
      const elsewhere = requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'));
      expect(elsewhere).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('opens an example from the list and sends the pasted token with it', async () => {
    const { page, requests, problems, close } = await openExplorer();
    try {
      await page.locator('#explorer-token').fill(await tokens.analyst());
      await page.locator('#explorer-whoami', { hasText: 'analyst' }).waitFor();
      await page.locator('button[data-operation="analyst-statistics"]').click();
      await page.locator('.graphiql-query-editor', { hasText: 'InspectionStatistics' }).waitFor();
      const result = await runAndWaitFor(page, '"inspectionStats"');
      expect(result).toContain('"violationRateBp"');
      expect(result).not.toContain('UNAUTHENTICATED');
      expect(result).not.toContain('FORBIDDEN');

      await page.locator('button[data-operation="public-results"]').click();
      await page.locator('.graphiql-query-editor', { hasText: 'PublicResults' }).waitFor();
      expect(await runAndWaitFor(page, '"publicResults"')).toContain('"totalCount"');

      const elsewhere = requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'));
      expect(elsewhere).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('serves its assets with long cache lifetimes and its own security policy', async () => {
    const html = await (await fetch(`${origin}/explorer`)).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/explorer\/assets\/[^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(5);
    expect(html).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>/);
    for (const asset of assets) {
      const response = await fetch(`${origin}${asset}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      await response.arrayBuffer();
    }
    const csp = (await fetch(`${origin}/explorer`)).headers.get('content-security-policy')!;
    expect(csp).not.toMatch(/https?:/);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect((await fetch(`${origin}/explorer/assets/../../package.json`)).status).toBe(404);
    expect((await fetch(`${origin}/explorer/assets/react-18.3.1/react.development.js`)).status).toBe(404);
  });

  it('lists every example operation with its role and variables', async () => {
    const response = await fetch(`${origin}/explorer/operations.json`);
    expect(response.headers.get('content-type')).toContain('application/json');
    const operations = (await response.json()) as Array<{ name: string; role: string; query: string; variables: string }>;
    expect(operations.map((operation) => operation.name)).toEqual(
      expect.arrayContaining(['coordinator-create-task', 'coordinator-draw-task', 'inspector-record-result', 'public-results']),
    );
    for (const operation of operations) {
      expect(operation.query).toMatch(/^# /);
      expect(() => JSON.parse(operation.variables)).not.toThrow();
    }
  });
});

describe('/graphql opened in a browser', () => {
  it('goes to the explorer instead of an English CSRF refusal, while programs still get GraphQL', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/graphql`);
      expect(new URL(page.url()).pathname).toBe('/explorer');
      await page.locator('.graphiql-execute-button').waitFor();
    } finally {
      await context.close();
    }
    const program = await fetch(`${origin}/graphql?query=${encodeURIComponent('{ divisions { code } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await program.json()).toEqual({ data: { divisions: [{ code: 'ZA' }] } });
  });
});

describe('with the explorer switched off', () => {
  let closed: TestSystem;

  beforeAll(async () => {
    closed = await startTestSystem({ divisions: ['ZA'], gateway: { explorer: false } });
  }, 120_000);

  afterAll(() => closed?.stop());

  it('answers 404 for the page, the examples and the assets', async () => {
    const base = new URL(closed.gateway.url).origin;
    for (const path of ['/explorer', '/explorer/', '/explorer/operations.json', '/explorer/assets/graphiql-3.8.3/graphiql.min.js']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('graphiql');
    }
    expect((await closed.query('{ divisions { code } }')).data.divisions).toEqual([{ code: 'ZA' }]);
  });

  it('explains /graphql to a browser in Chinese and points to the portal', async () => {
    const response = await fetch(closed.gateway.url, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('这是系统的 GraphQL 接口');
    expect(html).toContain('<a href="/">公示平台</a>');
    expect(html).not.toMatch(/explorer|Cross-Site/i);
  });
});

describe('in production with EXPLORER=on', () => {
  let production: TestSystem;

  beforeAll(async () => {
    production = await startTestSystem({ divisions: ['ZA'], gateway: { production: true, explorer: true } });
  }, 120_000);

  afterAll(() => production?.stop());

  it('serves the explorer, which then runs operations without introspecting the schema', async () => {
    const response = await fetch(`${new URL(production.gateway.url).origin}/explorer`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('data-introspection="off"');
  });
});
