import type { BootConfig } from '../config';
import { clearTokens, loadTokens, OidcClient, type Tokens } from './oidc';
import type { Role } from './roles';

/** Who is signed in, as the access token says (the gateway checks the same token on every request). */
export interface Viewer {
  sub: string;
  name: string;
  roles: Role[];
  division: string | null;
  inspector: string | null;
}

export type SessionState = { kind: 'signed-out' } | { kind: 'expired' } | { kind: 'signed-in'; viewer: Viewer };

function claimsOf(accessToken: string): Record<string, unknown> {
  const payload = accessToken.split('.')[1] ?? '';
  const json = atob(
    payload
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(payload.length / 4) * 4, '='),
  );
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
}

export function viewerOf(tokens: Tokens): Viewer {
  const claims = claimsOf(tokens.accessToken);
  return {
    sub: String(claims.sub ?? ''),
    name: String(claims.name ?? claims.sub ?? ''),
    roles: Array.isArray(claims.roles) ? (claims.roles as Role[]) : [],
    division: typeof claims.division === 'string' ? claims.division : null,
    inspector: typeof claims.inspector === 'string' ? claims.inspector : null,
  };
}

/** A token is renewed this long before it ends, so no request goes out with one about to expire. */
const RENEW_BEFORE_MS = 30_000;

/**
 * The tab's sign-in: its tokens, renewed with the refresh token when the access token
 * is about to end, and what the pages show when the sign-in has ended (expired).
 */
export class Session {
  readonly oidc: OidcClient | null;
  private tokens: Tokens | null;
  private state: SessionState;
  private readonly listeners = new Set<(state: SessionState) => void>();
  private renewing?: Promise<Tokens | null>;

  constructor(config: BootConfig) {
    this.oidc = config.issuer && config.clientId ? new OidcClient(config) : null;
    this.tokens = loadTokens();
    this.state = this.tokens ? { kind: 'signed-in', viewer: viewerOf(this.tokens) } : { kind: 'signed-out' };
  }

  current(): SessionState {
    return this.state;
  }

  subscribe(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  signedIn(tokens: Tokens): void {
    this.tokens = tokens;
    this.set({ kind: 'signed-in', viewer: viewerOf(tokens) });
  }

  /** The sign-in has ended (the provider refused the refresh token, or the gateway the access token). */
  expire(): void {
    this.tokens = null;
    clearTokens();
    this.set({ kind: 'expired' });
  }

  /** A current access token, renewed first when needed; null when not signed in or the sign-in has ended. */
  async accessToken(): Promise<string | null> {
    const tokens = this.tokens;
    if (!tokens) return null;
    if (tokens.expiresAt - RENEW_BEFORE_MS > Date.now()) return tokens.accessToken;
    return (await this.renew())?.accessToken ?? null;
  }

  /** Renews now (after the gateway answered 401 to a token that looked current). */
  async renew(): Promise<Tokens | null> {
    const tokens = this.tokens;
    if (!tokens || !this.oidc) return null;
    this.renewing ??= this.oidc.refresh(tokens).finally(() => (this.renewing = undefined));
    const renewed = await this.renewing;
    if (renewed) this.signedIn(renewed);
    else this.expire();
    return renewed;
  }

  async signOut(): Promise<void> {
    const tokens = this.tokens;
    this.tokens = null;
    if (this.oidc) await this.oidc.signOut(tokens);
  }
}
