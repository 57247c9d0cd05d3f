import * as oidc from 'openid-client';
import { Browser, formOf } from './browser';

/** The workbench's view of a provider: its discovery document, read over plain HTTP as the tests run it (production issuers are https). */
export function discoverProvider(issuer: string, clientId: string): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(issuer), clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
}

/** What the workbench does: an authorization request with PKCE, the user's sign-in on the provider's page, the code exchanged for tokens. */
export async function signInThroughWorkbench(
  config: oidc.Configuration,
  browser: Browser,
  account: { username: string; password: string; redirectUri: string },
): Promise<oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const authorizationUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: account.redirectUri,
    scope: 'openid profile ssj',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const login = await browser.follow(authorizationUrl.href, account.redirectUri);
  if (!login.text?.includes('用户名 (username)')) throw new Error(`no sign-in page at ${login.url}:\n${login.text}`);
  const form = formOf(login.text);
  const callback = await browser.follow(new URL(form.action, login.url).href, account.redirectUri, {
    form: { username: account.username, password: account.password },
  });
  if (!callback.url.startsWith(account.redirectUri)) throw new Error(`the sign-in did not return to the workbench:\n${callback.text}`);
  return oidc.authorizationCodeGrant(config, new URL(callback.url), { pkceCodeVerifier: verifier, expectedState: state });
}
