import { ACCOUNTS, PASSWORD, startWorkbenchSystem, type WorkbenchSystem } from './system';

/** Signing in to the workbench through the provider's page, in Debian's Chromium, and what each role may open. */
describe('the workbench sign-in', () => {
  let wb: WorkbenchSystem;

  beforeAll(async () => {
    wb = await startWorkbenchSystem();
  }, 120_000);

  afterAll(async () => {
    await wb?.stop();
  });

  it('sends a visitor without a sign-in to the provider, and a wrong password is told in Chinese', async () => {
    const context = await wb.newContext();
    const page = await context.newPage();
    await page.goto(`${wb.origin}/workbench/coordinator`);
    await page.getByText('请使用统一身份认证账号登录').waitFor();
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.origin === wb.identity.issuer);
    await page.fill('#username', ACCOUNTS.coordinator.username);
    await page.fill('#password', 'not-the-password');
    await page.getByRole('button', { name: /登录/ }).click();
    await page.getByText('用户名或密码错误').waitFor();
    expect(page.url().startsWith(wb.identity.issuer)).toBe(true);
    // The right password then, on the same page: back to the page first asked for.
    await page.fill('#password', PASSWORD);
    await page.getByRole('button', { name: /登录/ }).click();
    await page.waitForURL(`${wb.origin}/workbench/coordinator`);
    await page.getByTestId('viewer').getByText('王协调（联席办协调员）').waitFor();
    await context.close();
  });

  it.each([
    ['coordinator', '/coordinator'],
    ['admin', '/division'],
    ['inspector', '/inspector'],
    ['reviewer', '/review'],
    ['supervisor', '/supervisor'],
  ] as const)('opens the %s at its own area and shows 无权访问 for every other area by URL', async (account, home) => {
    const context = await wb.newContext();
    const page = await wb.signIn(context, account);
    expect(new URL(page.url()).pathname).toBe(`/workbench${home}`);
    for (const other of ['/coordinator', '/division', '/inspector', '/review', '/supervisor'].filter((path) => path !== home)) {
      await page.goto(`${wb.origin}/workbench${other}`);
      await page.getByText('无权访问').waitFor();
      await page.getByText(/您的账号（.*没有访问权限/).waitFor();
    }
    await context.close();
  });

  it('signs out at the provider too: the next visit asks for a sign-in again', async () => {
    const context = await wb.newContext();
    const page = await wb.signIn(context, 'supervisor');
    await page.getByRole('button', { name: '退出登录' }).click();
    // The provider asks to confirm the sign-out, then comes back to the workbench.
    await page.waitForURL((url) => url.origin === wb.identity.issuer);
    await page.getByRole('button').first().click();
    await page.waitForURL(`${wb.origin}/workbench/`);
    await page.getByText('请使用统一身份认证账号登录').waitFor();
    await page.getByRole('button', { name: '登录' }).click();
    // The provider's session is gone as well: its sign-in page again, not straight back.
    await page.waitForURL((url) => url.origin === wb.identity.issuer);
    await page.locator('#password').waitFor();
    await context.close();
  });
});

describe('an expired workbench session', () => {
  let wb: WorkbenchSystem;

  beforeAll(async () => {
    wb = await startWorkbenchSystem({ identity: { accessTokenTtl: 2, sessionTtl: 3 } });
  }, 120_000);

  afterAll(async () => {
    await wb?.stop();
  });

  it('says in Chinese that the sign-in has expired and offers to sign in again', async () => {
    const context = await wb.newContext();
    const page = await wb.signIn(context, 'coordinator');
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await page.reload();
    await page.getByText('登录已过期，请重新登录').waitFor();
    await page.getByRole('button', { name: '登录' }).waitFor();
    await context.close();
  });
});
