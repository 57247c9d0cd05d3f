import * as oidc from 'openid-client';
import { AccountAuditEntry } from '../../identity/src/accounts/account-audit.entity';
import { Account } from '../../identity/src/accounts/account.entity';
import { findAccount, setDisabled } from '../../identity/src/accounts/accounts';
import { LOCK_AFTER_FAILURES, LOCK_MINUTES, signIn } from '../../identity/src/accounts/sign-in';
import { SIGN_IN_RATE_LIMIT } from '../../identity/src/login/interaction-routes';
import { Browser, formOf } from './browser';
import { CLIENT_ID, REDIRECT_URI, startIdentity, type TestIdentity } from './identity-service';

let identity: TestIdentity;
let config: oidc.Configuration;

const WRONG = '用户名或密码错误';
const LOCKED = '账户已锁定';
const DISABLED = '账户已停用';

beforeAll(async () => {
  identity = await startIdentity();
  config = await oidc.discovery(new URL(identity.issuer), CLIENT_ID, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
});

afterAll(async () => {
  await identity?.stop();
});

/** Opens the sign-in page of a fresh authorization request; `submit` posts the form the way a browser does. */
async function openSignInPage() {
  const browser = new Browser();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile ssj',
    code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
    code_challenge_method: 'S256',
  });
  const page = await browser.follow(url.href, REDIRECT_URI);
  const action = new URL(formOf(page.text!).action, page.url).href;
  return {
    action,
    browser,
    async submit(username: string, password: string) {
      const answer = await browser.follow(action, REDIRECT_URI, { form: { username, password } });
      return { signedIn: answer.url.startsWith(REDIRECT_URI), status: answer.response?.status, headers: answer.response?.headers, text: answer.text ?? '' };
    },
  };
}

describe('the sign-in page', () => {
  beforeAll(async () => {
    await identity.addAccount({ username: 'lisi', displayName: '李四', password: 'right password 1', roles: ['coordinator'] });
    await identity.addAccount({ username: 'wangwu', displayName: '王五', password: 'right password 2', roles: ['reviewer'], division: 'WA' });
    await identity.addAccount({ username: 'zhaoliu', displayName: '赵六', password: 'right password 3', roles: ['analyst'] });
  });

  it('says in Chinese that the username or password is wrong, and the same for an unknown username', async () => {
    const page = await openSignInPage();
    const wrong = await page.submit('lisi', 'not the password');
    expect(wrong).toMatchObject({ signedIn: false, status: 401 });
    expect(wrong.headers?.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(wrong.text).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/);
    expect(wrong.text).toContain(WRONG);
    expect(wrong.text).toContain('value="lisi"');
    const unknown = await page.submit('nobody', 'not the password');
    expect(unknown.text).toContain(WRONG);
    expect(unknown.text.replace(/value="[^"]*"/g, '')).toBe(wrong.text.replace(/value="[^"]*"/g, ''));
    // The same interaction still completes with the right password.
    expect((await page.submit('lisi', 'right password 1')).signedIn).toBe(true);
  });

  it('locks an account after 5 wrong passwords in a row, refuses even the right one, and records the lock', async () => {
    const page = await openSignInPage();
    for (let attempt = 1; attempt <= 4; attempt++) expect((await page.submit('wangwu', `guess ${attempt}`)).text).toContain(WRONG);
    const fifth = await page.submit('wangwu', 'guess 5');
    expect(fifth.text).toContain(LOCKED);
    expect(fifth.text).toContain(`${LOCK_MINUTES} 分钟后再试`);
    const right = await page.submit('wangwu', 'right password 2');
    expect(right.signedIn).toBe(false);
    expect(right.text).toContain(LOCKED);

    const em = identity.service.orm.em.fork();
    const account = await em.findOneOrFail(Account, { username: 'wangwu' });
    expect(account.lockedUntil!.getTime() - Date.now()).toBeGreaterThan((LOCK_MINUTES - 1) * 60_000);
    const audit = await em.find(AccountAuditEntry, { account: 'wangwu' }, { orderBy: { id: 'asc' } });
    expect(audit.map(({ actor, action }) => ({ actor, action }))).toEqual([
      { actor: 'admin', action: 'create' },
      { actor: 'system', action: 'lock' },
    ]);
    expect(audit[1]!.detail).toMatchObject({ until: account.lockedUntil!.toISOString() });
    expect(JSON.stringify(audit)).not.toMatch(/right password|guess|argon2/);

    // When the lock has run out the right password works again, and the count starts afresh.
    const later = new Date(account.lockedUntil!.getTime() + 1000);
    expect(await signIn(em.fork(), 'wangwu', 'right password 2', later)).toMatchObject({ ok: true });
    expect((await em.fork().findOneOrFail(Account, { username: 'wangwu' })).failedAttempts).toBe(0);
  });

  it('counts wrong passwords sent in parallel, and writes one lock', async () => {
    await identity.addAccount({ username: 'qianqi', displayName: '钱七', password: 'right password 4', roles: ['analyst'] });
    const { orm } = identity.service;
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => signIn(orm.em.fork(), 'qianqi', `parallel guess ${i}`)));
    expect(results.filter((result) => !result.ok && result.reason === 'locked').length).toBeGreaterThanOrEqual(1);
    expect(await signIn(orm.em.fork(), 'qianqi', 'right password 4')).toMatchObject({ ok: false, reason: 'locked' });
    const audit = await orm.em.fork().find(AccountAuditEntry, { account: 'qianqi' });
    expect(audit.map((entry) => entry.action).sort()).toEqual(['create', 'lock']);
    // Guesses that arrived after the lock do not count towards the next one.
    expect((await orm.em.fork().findOneOrFail(Account, { username: 'qianqi' })).failedAttempts).toBe(0);
  });

  it('checks no password, not even the right one, once every try is taken by attempts still being checked', async () => {
    await identity.addAccount({ username: 'sunba', displayName: '孙八', password: 'right password 5', roles: ['analyst'] });
    const { orm } = identity.service;
    // Four wrong passwords, then a fifth attempt whose check has not finished: its try is taken, no lock is written yet.
    for (let i = 0; i < 4; i++) expect(await signIn(orm.em.fork(), 'sunba', `guess ${i}`)).toMatchObject({ ok: false, reason: 'wrong-credentials' });
    await orm.em.fork().nativeUpdate(Account, { username: 'sunba' }, { failedAttempts: LOCK_AFTER_FAILURES });
    // A guess sent alongside it is refused before its password is looked at, even the right one.
    expect(await signIn(orm.em.fork(), 'sunba', 'right password 5')).toMatchObject({ ok: false, reason: 'locked' });
    expect(await orm.em.fork().findOneOrFail(Account, { username: 'sunba' })).toMatchObject({ failedAttempts: LOCK_AFTER_FAILURES, lockedUntil: null });
  });

  it('gives the tries back to the right password', async () => {
    await identity.addAccount({ username: 'zhoujiu', displayName: '周九', password: 'right password 6', roles: ['analyst'] });
    const { orm } = identity.service;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < LOCK_AFTER_FAILURES - 1; i++) await signIn(orm.em.fork(), 'zhoujiu', `guess ${round}.${i}`);
      expect(await signIn(orm.em.fork(), 'zhoujiu', 'right password 6')).toMatchObject({ ok: true });
    }
    expect((await orm.em.fork().findOneOrFail(Account, { username: 'zhoujiu' })).failedAttempts).toBe(0);
  });

  it('tells someone with the right password that their account is disabled, and nobody else', async () => {
    const em = identity.service.orm.em.fork();
    await setDisabled(em, 'admin', (await findAccount(em, 'zhaoliu'))!, true);
    const page = await openSignInPage();
    expect((await page.submit('zhaoliu', 'wrong')).text).toContain(WRONG);
    const right = await page.submit('zhaoliu', 'right password 3');
    expect(right.signedIn).toBe(false);
    expect(right.text).toContain(DISABLED);
    const audit = await em.find(AccountAuditEntry, { account: 'zhaoliu' }, { orderBy: { id: 'asc' } });
    expect(audit.map((entry) => entry.action)).toEqual(['create', 'disable']);
  });

  it('keeps passwords as argon2id hashes only', async () => {
    const account = await identity.service.orm.em.fork().findOneOrFail(Account, { username: 'lisi' });
    expect(account.passwordHash).toMatch(/^\$argon2id\$v=19\$/);
    expect(account.passwordHash).not.toContain('right password');
  });

  it('refuses a sign-in form posted without the interaction cookie (from another site)', async () => {
    const page = await openSignInPage();
    const forged = await new Browser().request(page.action, { form: { username: 'lisi', password: 'right password 1' } });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('登录请求已失效');
  });
});

describe('sign-in attempts from one address', () => {
  it('are refused with 429 and a Chinese message past a burst, whatever the accounts tried', async () => {
    const own = await startIdentity();
    try {
      const provider = await oidc.discovery(new URL(own.issuer), CLIENT_ID, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
      const browser = new Browser();
      const url = oidc.buildAuthorizationUrl(provider, {
        redirect_uri: REDIRECT_URI,
        scope: 'openid profile ssj',
        code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
        code_challenge_method: 'S256',
      });
      const page = await browser.follow(url.href, REDIRECT_URI);
      const action = new URL(formOf(page.text!).action, page.url).href;
      const statuses: number[] = [];
      let last = '';
      for (let i = 0; i <= SIGN_IN_RATE_LIMIT.capacity; i++) {
        const answer = await browser.follow(action, REDIRECT_URI, { form: { username: `user${i}`, password: 'spray' } });
        statuses.push(answer.response!.status);
        last = answer.text ?? '';
      }
      expect(statuses.slice(0, SIGN_IN_RATE_LIMIT.capacity).every((status) => status === 401)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      expect(last).toContain('登录尝试过于频繁');
    } finally {
      await own.stop();
    }
  });
});
