import { Provider, errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Orm } from '../../../common/orm';
import { Account } from '../accounts/account.entity';
import type { ProviderKeys } from '../keys/provider-keys';
import { viewerClaims } from './account-claims';
import { logoutSource, postLogoutSuccessSource, renderError } from './pages';
import { databaseAdapter } from './provider-adapter';

/** The workbench: a single-page application, so a public client that proves itself with PKCE. */
export interface WorkbenchClient {
  clientId: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

export interface ProviderSettings {
  issuer: string;
  /** The resource every access token is for: the gateway's AUTH_AUDIENCE. */
  audience: string;
  client: WorkbenchClient;
  keys: ProviderKeys;
  accessTokenTtl: number;
  sessionTtl: number;
  trustProxy: boolean;
}

/** The scope of the gateway's API; the workbench asks for it beside openid. */
export const API_SCOPE = 'ssj';

/** An account that may still get tokens: present and not disabled. */
async function activeAccount(orm: Orm, username: string): Promise<Account | null> {
  const account = await orm.em.fork().findOne(Account, { username });
  return account && !account.disabled ? account : null;
}

export function createProvider(orm: Orm, settings: ProviderSettings): Provider {
  const { audience, client, sessionTtl } = settings;
  // What is left of a sign-in made at `since` (epoch seconds): the provider saves a session again, with a
  // fresh lifetime, on every request that reads it, so each lifetime is counted from the sign-in instead.
  const leftOfSignIn = (since: number | undefined) => (since ? Math.max(1, since + sessionTtl - Math.floor(Date.now() / 1000)) : sessionTtl);
  const configuration: Configuration = {
    adapter: databaseAdapter(orm),
    clients: [
      {
        client_id: client.clientId,
        client_name: '双随机联合监管工作台',
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: client.redirectUris,
        post_logout_redirect_uris: client.postLogoutRedirectUris,
      },
    ],
    jwks: { keys: settings.keys.signing as never },
    cookies: { keys: settings.keys.cookies },
    // The API scope is the gateway's (a resource scope, below), not one of OpenID Connect's.
    scopes: ['openid', 'profile', 'offline_access'],
    // The ID token and userinfo say who signed in, not what they may do: roles travel in access tokens only,
    // so an ID token (which leaks more easily, e.g. as id_token_hint in a sign-out URL) opens no API.
    claims: { openid: ['sub'], profile: ['name'] },
    // S256 is the only method oidc-provider 9 implements; PKCE is required of every client, not only public ones.
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // The workbench need not name the gateway: every token is for it, in its one format.
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== audience) throw new errors.InvalidTarget();
          return { scope: API_SCOPE, audience, accessTokenTTL: settings.accessTokenTtl, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    async findAccount(_ctx, sub) {
      const account = await activeAccount(orm, sub);
      if (!account) return undefined;
      return { accountId: account.username, claims: () => ({ sub: account.username, name: account.displayName }) };
    },
    // The access token carries the viewer's claims, read afresh at every issue, so a refresh picks up changed roles.
    async extraTokenClaims(_ctx, token) {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined;
      const account = await activeAccount(orm, token.accountId);
      return account ? viewerClaims(account) : undefined;
    },
    // The workbench is this system's own client: nobody is asked to consent to it.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { oidc } = ctx;
      if (!oidc.client || !oidc.session?.accountId) return undefined;
      const grantId = oidc.result?.consent?.grantId || oidc.session.grantIdFor(oidc.client.clientId);
      const grant =
        (grantId && (await oidc.provider.Grant.find(grantId))) ||
        new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
      grant.addOIDCScope('openid profile offline_access');
      grant.addOIDCClaims(['name']);
      grant.addResourceScope(audience, API_SCOPE);
      await grant.save();
      return grant;
    },
    // A refresh token comes with every sign-in (OpenID Connect would otherwise ask for prompt=consent to grant offline_access).
    issueRefreshToken: async (_ctx, oidcClient) => oidcClient.grantTypeAllowed('refresh_token'),
    ttl: {
      AccessToken: settings.accessTokenTtl,
      IdToken: settings.accessTokenTtl,
      AuthorizationCode: 60,
      Interaction: 10 * 60,
      // A sign-in lasts a working day at most, however often the workbench comes back or refreshes.
      Session: (_ctx, session) => leftOfSignIn(session.loginTs),
      Grant: sessionTtl,
      // Every refresh token, rotated or not, ends with the sign-in it came from (its authTime).
      RefreshToken: (_ctx, token) => leftOfSignIn(token.authTime),
    },
    renderError,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    clientBasedCORS: (_ctx, origin, oidcClient) => oidcClient.redirectUris?.some((uri) => new URL(uri).origin === origin) ?? false,
  };
  const provider = new Provider(settings.issuer, configuration);
  provider.proxy = settings.trustProxy;
  return provider;
}
