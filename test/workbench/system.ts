import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAccount, type NewAccount } from '../../identity/src/accounts/accounts';
import { createIdentityService, type IdentityService, type IdentityServiceConfig } from '../../identity/src/app';
import { launchChromium } from '../support/browser';
import { defaultDatabaseKind, freshDatabase } from '../support/database';
import { startTestSystem, type TestSystem } from '../support/system';
import { TEST_AUTH_SECRET } from '../support/tokens';

/** The demo divisions the workbench journeys run on. */
export const WORKBENCH_DIVISIONS = ['ZA', 'WA', 'JD'];

/** One account per role, as an administrator would create them; every password is this one. */
export const PASSWORD = 'Workbench-Test-2026!';
export const ACCOUNTS = {
  coordinator: { username: 'lianxiban', displayName: '王协调', roles: ['coordinator'] },
  admin: { username: 'za-admin', displayName: '李管理', roles: ['division_admin'], division: 'ZA' },
  inspector: { username: 'za-0001', displayName: '张检查', roles: ['inspector'], division: 'ZA', inspectorId: 'ZA-0001' },
  reviewer: { username: 'za-fazhi', displayName: '赵审核', roles: ['reviewer'], division: 'ZA' },
  supervisor: { username: 'ducha', displayName: '钱督查', roles: ['supervisor'] },
  analyst: { username: 'tongji', displayName: '孙统计', roles: ['analyst'] },
} satisfies Record<string, Omit<NewAccount, 'password'>>;
export type AccountName = keyof typeof ACCOUNTS;
export type AccountSpec = Omit<NewAccount, 'password'>;

export interface WorkbenchSystem {
  system: TestSystem;
  identity: IdentityService;
  /** http://127.0.0.1:<port> — the gateway, which serves /workbench. */
  origin: string;
  browser: Browser;
  /** A fresh browser profile (no cookies, no storage), at a desktop size unless told. */
  newContext(viewport?: { width: number; height: number }): Promise<BrowserContext>;
  /** Opens /workbench in `context`, signs in on the provider's page as `account`, and waits for the workbench. */
  signIn(context: BrowserContext, account: AccountName | AccountSpec, path?: string): Promise<Page>;
  /** Adds an account (password PASSWORD), e.g. for an inspector the draw chose. */
  addAccount(account: AccountSpec): Promise<void>;
  stop(): Promise<void>;
}

/** A port free right now: the provider must name the gateway's address before the gateway starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The whole system as a browser sees it: demo divisions, the joint subgraph, the
 * gateway serving the workbench, and the identity provider with one account per role.
 */
export async function startWorkbenchSystem(options: { identity?: Partial<IdentityServiceConfig> } = {}): Promise<WorkbenchSystem> {
  const gatewayPort = await freePort();
  const origin = `http://127.0.0.1:${gatewayPort}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'ssj-workbench-'));
  const audience = `${origin}/graphql`;
  const identity = await createIdentityService({
    port: 0,
    host: '127.0.0.1',
    issuer: (port) => `http://127.0.0.1:${port}`,
    audience,
    database: defaultDatabaseKind() === 'sqlite' ? { kind: 'sqlite', file: join(dataDir, 'identity.sqlite') } : await freshDatabase('postgresql', 'identity'),
    keysFile: join(dataDir, 'identity-keys.json'),
    client: { clientId: 'workbench', redirectUris: [`${origin}/workbench/callback`], postLogoutRedirectUris: [`${origin}/workbench/`] },
    announce: () => undefined,
    ...options.identity,
  });
  for (const account of Object.values(ACCOUNTS)) await createAccount(identity.orm.em.fork(), 'admin', { ...account, password: PASSWORD });
  const system = await startTestSystem({
    divisions: WORKBENCH_DIVISIONS,
    seed: 'demo',
    gateway: {
      port: gatewayPort,
      auth: { secret: TEST_AUTH_SECRET, jwksUrl: `${identity.issuer}/jwks`, issuer: identity.issuer, audience },
      workbench: { issuer: identity.issuer, clientId: 'workbench' },
    },
  });
  const browser = await launchChromium();
  return {
    system,
    identity,
    origin,
    browser,
    newContext: (viewport = { width: 1366, height: 900 }) => browser.newContext({ viewport, locale: 'zh-CN' }),
    async addAccount(account) {
      await createAccount(identity.orm.em.fork(), 'admin', { ...account, password: PASSWORD });
    },
    async signIn(context, account, path = '/workbench/') {
      const username = typeof account === 'string' ? ACCOUNTS[account].username : account.username;
      const page = await context.newPage();
      await page.goto(origin + path);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((url) => url.origin === identity.issuer);
      await page.fill('#username', username);
      await page.fill('#password', PASSWORD);
      await page.getByRole('button', { name: /登录/ }).click();
      await page.waitForURL((url) => url.origin === origin && !url.pathname.endsWith('/callback'));
      await page.getByRole('button', { name: '退出登录' }).waitFor();
      return page;
    },
    async stop() {
      await browser.close();
      await system.stop();
      await identity.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
