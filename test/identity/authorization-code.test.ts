import * as oidc from 'openid-client';
import { createTokenVerifier } from '../../gateway/src/auth';
import { findAccount, setDisabled, setRoles } from '../../identity/src/accounts/accounts';
import { Browser, formOf } from './browser';
import { AUDIENCE, CLIENT_ID, POST_LOGOUT_URI, REDIRECT_URI, startIdentity, type TestIdentity } from './identity-service';
import { discoverProvider } from './workbench';

let identity: TestIdentity;
let config: oidc.Configuration;

beforeAll(async () => {
  identity = await startIdentity();
  await identity.addAccount({
    username: 'zhangsan',
    displayName: '张三',
    password: 'correct horse 1',
    roles: ['inspector'],
    division: 'ZA',
    inspectorId: 'ZA-0001',
  });
  config = await discoverProvider(identity.issuer, CLIENT_ID);
});

afterAll(async () => {
  await identity?.stop();
});

/** What the workbench does: an authorization request with PKCE, the user's sign-in, the code exchanged for tokens. */
async function signInThroughWorkbench(browser: Browser, username: string, password: string, provider = config) {
  const request = await authorizationRequest(provider);
  const login = await browser.follow(request.url, REDIRECT_URI);
  expect(login.text).toContain('用户名 (username)');
  const form = formOf(login.text!);
  const callback = await browser.follow(new URL(form.action, login.url).href, REDIRECT_URI, { form: { username, password } });
  expect(callback.url.startsWith(REDIRECT_URI)).toBe(true);
  return request.exchange(callback.url);
}

/** An authorization request with PKCE, and the exchange of the code it brings back. */
async function authorizationRequest(provider: oidc.Configuration) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(provider, {
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile ssj',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  }).href;
  return {
    url,
    exchange: (callback: string) => oidc.authorizationCodeGrant(provider, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state }),
  };
}

describe('signing in to the workbench with the built-in identity provider', () => {
  it("issues an access token the gateway's JWKS verifier accepts, giving the account's viewer", async () => {
    const tokens = await signInThroughWorkbench(new Browser(), 'zhangsan', 'correct horse 1');
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.expires_in).toBeLessThanOrEqual(300);
    const verify = createTokenVerifier({ jwksUrl: `${identity.issuer}/jwks`, issuer: identity.issuer, audience: AUDIENCE });
    const viewer = await verify(`Bearer ${tokens.access_token}`);
    expect(viewer).toEqual({ sub: 'zhangsan', name: '张三', roles: ['inspector'], division: 'ZA', inspector: 'ZA-0001' });
    expect(tokens.claims()).toMatchObject({ sub: 'zhangsan', name: '张三' });
    // The ID token names the person and grants nothing: no roles, and the gateway does not take it.
    expect(tokens.claims()).not.toHaveProperty('roles');
    await expect(verify(`Bearer ${tokens.id_token}`)).rejects.toThrow();
    const header = JSON.parse(Buffer.from(tokens.access_token.split('.')[0]!, 'base64url').toString());
    expect(header).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
  });

  it('refuses an authorization request without PKCE', async () => {
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: 'openid', state: oidc.randomState() });
    const answer = await new Browser().follow(url.href, REDIRECT_URI);
    const redirected = new URL(answer.url);
    expect(redirected.searchParams.get('error')).toBe('invalid_request');
    expect(redirected.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('refreshes the access token, with the roles the account has now', async () => {
    const tokens = await signInThroughWorkbench(new Browser(), 'zhangsan', 'correct horse 1');
    expect(tokens.refresh_token).toBeTruthy();
    const em = identity.service.orm.em.fork();
    const account = await findAccount(em, 'zhangsan');
    await setRoles(em, 'admin', account!, { roles: ['inspector', 'reviewer'], division: 'ZA', inspectorId: 'ZA-0001' });
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    const verify = createTokenVerifier({ jwksUrl: `${identity.issuer}/jwks`, issuer: identity.issuer, audience: AUDIENCE });
    expect(await verify(`Bearer ${refreshed.access_token}`)).toMatchObject({ sub: 'zhangsan', roles: ['inspector', 'reviewer'], division: 'ZA' });
    await setRoles(em, 'admin', account!, { roles: ['inspector'], division: 'ZA', inspectorId: 'ZA-0001' });
  });

  it('rotates a refresh token at each use: of two requests bringing the same one, one is refused, and the old one stays void', async () => {
    const tokens = await signInThroughWorkbench(new Browser(), 'zhangsan', 'correct horse 1');
    const answers = await Promise.allSettled([oidc.refreshTokenGrant(config, tokens.refresh_token!), oidc.refreshTokenGrant(config, tokens.refresh_token!)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual(['fulfilled', 'rejected']);
    // The rotated token works; the one brought twice does not work again.
    const fresh = answers.find((answer) => answer.status === 'fulfilled') as PromiseFulfilledResult<oidc.TokenEndpointResponse>;
    expect(fresh.value.refresh_token).not.toBe(tokens.refresh_token);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toThrow();
  });

  it('gives a disabled account no more tokens: its refresh token stops working', async () => {
    await identity.addAccount({ username: 'sunba', displayName: '孙八', password: 'correct horse 2', roles: ['analyst'] });
    const tokens = await signInThroughWorkbench(new Browser(), 'sunba', 'correct horse 2');
    const em = identity.service.orm.em.fork();
    await setDisabled(em, 'admin', (await findAccount(em, 'sunba'))!, true);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('asks for the password again within a session when the workbench asks for prompt=login, and never asks for consent', async () => {
    const browser = new Browser();
    await signInThroughWorkbench(browser, 'zhangsan', 'correct horse 1');
    const request = async (prompt: string) =>
      browser.follow(
        oidc.buildAuthorizationUrl(config, {
          redirect_uri: REDIRECT_URI,
          scope: 'openid profile ssj',
          code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
          code_challenge_method: 'S256',
          prompt,
        }).href,
        REDIRECT_URI,
      );
    expect((await request('login')).text).toContain('密码 (password)');
    const consent = await request('consent');
    expect(new URL(consent.url).searchParams.get('code')).toBeTruthy();
  });

  it('lets the workbench call the token endpoint from its own origin only', async () => {
    const allowed = await fetch(`${identity.issuer}/token`, {
      method: 'POST',
      headers: { origin: 'http://workbench.test' },
      body: new URLSearchParams({ client_id: CLIENT_ID }),
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://workbench.test');
    const refused = await fetch(`${identity.issuer}/token`, {
      method: 'POST',
      headers: { origin: 'http://evil.test' },
      body: new URLSearchParams({ client_id: CLIENT_ID }),
    });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('ends the session at sign-out: the next request asks for the password again and the refresh token is void', async () => {
    const browser = new Browser();
    const tokens = await signInThroughWorkbench(browser, 'zhangsan', 'correct horse 1');

    // Still signed in: a second authorization request goes straight back to the workbench.
    const again = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: 'openid profile ssj',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    expect((await browser.follow(again.href, REDIRECT_URI)).url.startsWith(REDIRECT_URI)).toBe(true);

    const endSession = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: POST_LOGOUT_URI });
    const confirm = await browser.follow(endSession.href, POST_LOGOUT_URI);
    expect(confirm.text).toContain('退出登录');
    const form = formOf(confirm.text!, 'op.logoutForm');
    const done = await browser.follow(new URL(form.action, confirm.url).href, POST_LOGOUT_URI, { form: { ...form.fields, logout: 'yes' } });
    expect(done.url.startsWith(POST_LOGOUT_URI)).toBe(true);

    const afterLogout = await browser.follow(again.href, REDIRECT_URI);
    expect(afterLogout.text).toContain('密码 (password)');
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});

describe('the length of a sign-in', () => {
  const until = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

  it('ends the session lifetime after the password was given, however often the workbench comes back or refreshes', async () => {
    const short = await startIdentity({ config: { sessionTtl: 3 } });
    try {
      await short.addAccount({ username: 'chenshi', displayName: '陈十', password: 'correct horse 9', roles: ['analyst'] });
      const provider = await oidc.discovery(new URL(short.issuer), CLIENT_ID, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
      const browser = new Browser();
      const signedInAt = Date.now();
      const first = await signInThroughWorkbench(browser, 'chenshi', 'correct horse 9', provider);
      // Within the sign-in the workbench comes back without a password, and refreshes.
      await until(signedInAt + 1500);
      const back = await authorizationRequest(provider);
      const returned = await browser.follow(back.url, REDIRECT_URI);
      expect(returned.url.startsWith(REDIRECT_URI)).toBe(true);
      expect((await back.exchange(returned.url)).access_token).toBeTruthy();
      const refreshed = await oidc.refreshTokenGrant(provider, first.refresh_token!);
      // Once the sign-in is over, neither coming back nor refreshing keeps it going: the password is asked again.
      await until(signedInAt + 4500);
      const later = await browser.follow((await authorizationRequest(provider)).url, REDIRECT_URI);
      expect(later.text).toContain('用户名 (username)');
      await expect(oidc.refreshTokenGrant(provider, refreshed.refresh_token!)).rejects.toThrow();
    } finally {
      await short.stop();
    }
  });
});
