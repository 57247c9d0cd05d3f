import * as oauth from 'oauth4webapi';
import { BASE, type BootConfig } from '../config';

/**
 * OpenID Connect in the browser: authorization code with PKCE (S256) against the
 * configured issuer, as a public client. oauth4webapi does the protocol; this module
 * only keeps what a tab needs between page loads, in sessionStorage (it ends with the tab).
 */

export interface Tokens {
  accessToken: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  refreshToken?: string;
  idToken?: string;
}

const TOKENS_KEY = 'workbench.tokens';
const PENDING_KEY = 'workbench.pending-sign-in';

interface PendingSignIn {
  verifier: string;
  state: string;
  returnTo: string;
}

export class SignInError extends Error {}

function insecureAllowed(issuer: URL): Record<symbol, boolean> {
  // Only the embedded default runs over plain http (localhost); production issuers are https.
  return issuer.protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {};
}

export function redirectUri(): string {
  return `${window.location.origin}${BASE}/callback`;
}

export function postLogoutRedirectUri(): string {
  return `${window.location.origin}${BASE}/`;
}

export class OidcClient {
  private server?: Promise<oauth.AuthorizationServer>;
  private readonly issuer: URL;
  private readonly client: oauth.Client;

  constructor(config: BootConfig) {
    this.issuer = new URL(config.issuer!);
    this.client = { client_id: config.clientId! };
  }

  private authorizationServer(): Promise<oauth.AuthorizationServer> {
    this.server ??= oauth
      .discoveryRequest(this.issuer, insecureAllowed(this.issuer))
      .then((response) => oauth.processDiscoveryResponse(this.issuer, response))
      .catch((error: unknown) => {
        this.server = undefined;
        throw new SignInError(`无法连接统一身份认证服务（${this.issuer.origin}），请稍后再试或联系管理员。`, { cause: error });
      });
    return this.server;
  }

  /** Sends the browser to the provider's sign-in page; it comes back to /workbench/callback. */
  async beginSignIn(returnTo: string): Promise<void> {
    const server = await this.authorizationServer();
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const pending: PendingSignIn = { verifier, state, returnTo };
    sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
    const url = new URL(server.authorization_endpoint!);
    url.searchParams.set('client_id', this.client.client_id);
    url.searchParams.set('redirect_uri', redirectUri());
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('scope', 'openid profile ssj');
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
    url.searchParams.set('code_challenge_method', 'S256');
    url.searchParams.set('state', state);
    window.location.assign(url.href);
  }

  /** At /workbench/callback: the code exchanged for tokens; returns where the person was going. */
  async completeSignIn(callback: URL): Promise<{ tokens: Tokens; returnTo: string }> {
    const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as PendingSignIn | null;
    sessionStorage.removeItem(PENDING_KEY);
    if (!pending) throw new SignInError('登录请求已失效（可能在另一个标签页完成或已过期），请重新登录。');
    const server = await this.authorizationServer();
    let parameters: URLSearchParams;
    try {
      parameters = oauth.validateAuthResponse(server, this.client, callback, pending.state);
    } catch (error) {
      throw new SignInError('统一身份认证服务拒绝了本次登录，请重新登录。', { cause: error });
    }
    const response = await oauth.authorizationCodeGrantRequest(
      server,
      this.client,
      oauth.None(),
      parameters,
      redirectUri(),
      pending.verifier,
      insecureAllowed(this.issuer),
    );
    const result = await oauth.processAuthorizationCodeResponse(server, this.client, response).catch((error: unknown) => {
      throw new SignInError('登录未能完成（授权码无效或已使用），请重新登录。', { cause: error });
    });
    const tokens = tokensOf(result);
    saveTokens(tokens);
    return { tokens, returnTo: pending.returnTo };
  }

  /** A new access token from the refresh token; null when the sign-in has ended (expired, signed out elsewhere). */
  async refresh(tokens: Tokens): Promise<Tokens | null> {
    if (!tokens.refreshToken) return null;
    const server = await this.authorizationServer();
    try {
      const response = await oauth.refreshTokenGrantRequest(server, this.client, oauth.None(), tokens.refreshToken, insecureAllowed(this.issuer));
      const refreshed = { ...tokensOf(await oauth.processRefreshTokenResponse(server, this.client, response)) };
      refreshed.idToken ??= tokens.idToken;
      saveTokens(refreshed);
      return refreshed;
    } catch (error) {
      if (error instanceof oauth.ResponseBodyError) return null;
      throw new SignInError('无法连接统一身份认证服务，请稍后再试。', { cause: error });
    }
  }

  /** Ends the session at the provider too (RP-initiated logout), then comes back to the workbench. */
  async signOut(tokens: Tokens | null): Promise<void> {
    clearTokens();
    const server = await this.authorizationServer().catch(() => null);
    if (!server?.end_session_endpoint) {
      window.location.assign(postLogoutRedirectUri());
      return;
    }
    const url = new URL(server.end_session_endpoint);
    url.searchParams.set('client_id', this.client.client_id);
    url.searchParams.set('post_logout_redirect_uri', postLogoutRedirectUri());
    if (tokens?.idToken) url.searchParams.set('id_token_hint', tokens.idToken);
    window.location.assign(url.href);
  }
}

function tokensOf(result: oauth.TokenEndpointResponse): Tokens {
  return {
    accessToken: result.access_token,
    expiresAt: Date.now() + (result.expires_in ?? 300) * 1000,
    refreshToken: result.refresh_token,
    idToken: result.id_token,
  };
}

export function loadTokens(): Tokens | null {
  return JSON.parse(sessionStorage.getItem(TOKENS_KEY) ?? 'null') as Tokens | null;
}

export function saveTokens(tokens: Tokens): void {
  sessionStorage.setItem(TOKENS_KEY, JSON.stringify(tokens));
}

export function clearTokens(): void {
  sessionStorage.removeItem(TOKENS_KEY);
}
