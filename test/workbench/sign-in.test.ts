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

describe('a workbench sign-in over time', () => {
  let wb: WorkbenchSystem;

  beforeAll(async () => {
    // Access tokens of 2 s, a sign-in of at most 8 s from the moment the person signed in.
    wb = await startWorkbenchSystem({ identity: { accessTokenTtl: 2, sessionTtl: 8 } });
  }, 120_000);

  afterAll(async () => {
    await wb?.stop();
  });

  const accessToken = (page: import('playwright-core').Page) =>
    page.evaluate(
      () => (JSON.parse((globalThis as any).sessionStorage.getItem('workbench.tokens') ?? 'null') as { accessToken: string } | null)?.accessToken ?? null,
    );

  it('renews the access token with the refresh token while the sign-in holds, then says in Chinese that it has expired', async () => {
    const context = await wb.newContext();
    const page = await wb.signIn(context, 'coordinator');
    // The sign-in's time (its authTime) is before this moment.
    const signedInAt = Date.now();
    const first = await accessToken(page);
    expect(first).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await page.reload();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    await page.waitForFunction((old) => JSON.parse((globalThis as any).sessionStorage.getItem('workbench.tokens') ?? 'null')?.accessToken !== old, first);
    expect(await accessToken(page)).toBeTruthy();
    // The renewed token opens the API.
    const token = (await accessToken(page))!;
    const answer = await wb.system.query('{ inspectionTasks(first: 1) { totalCount } }', {}, token);
    expect(answer.errors).toBeUndefined();

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, signedInAt + 12_000 - Date.now())));
    await page.reload();
    await page.getByText('登录已过期，请重新登录').waitFor();
    await page.getByRole('button', { name: '登录' }).waitFor();
    expect(await accessToken(page)).toBeNull();
    await context.close();
  });
});
