import { join } from 'node:path';
import { ConfigError, isProduction, readDataDir, readDatabaseUrl, readPort, readUrl, type Env } from '../../common/config';
import { databaseLocation } from '../../common/orm';
import type { IdentityServiceConfig } from './app';

/** Seconds in a variable, within bounds that keep tokens short-lived and sessions usable. */
function readSeconds(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(name, `must be a whole number of seconds from ${min} to ${max}, got "${raw}"`);
  return value;
}

/** Comma-separated absolute http(s) URLs. */
function readUrlList(env: Env, name: string, fallback: string[]): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const urls = raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const url of urls) readUrl({ [name]: url }, name, { required: true });
  if (urls.length === 0) throw new ConfigError(name, 'lists no URL');
  return urls;
}

/**
 * The identity provider's settings from the environment. The issuer is the URL
 * browsers and the gateway reach it by (its JWKS is `<issuer>/jwks`); the
 * audience is the resource every access token is for, the gateway's AUTH_AUDIENCE.
 */
export function readIdentityConfig(env: Env): IdentityServiceConfig {
  const port = readPort(env, 4120);
  const dataDir = readDataDir(env);
  const issuer = readUrl(env, 'IDENTITY_ISSUER', { required: isProduction(env) });
  const production = isProduction(env);
  // Cookies and tokens of a sign-in must not cross the network in clear.
  if (production && !issuer!.startsWith('https://')) throw new ConfigError('IDENTITY_ISSUER', 'must be an https:// URL in production');
  // The service speaks plain HTTP behind the TLS proxy: only by trusting it does it know the request was
  // https, and so mark its session cookies Secure.
  if (production && env.IDENTITY_TRUST_PROXY !== 'true') {
    throw new ConfigError(
      'IDENTITY_TRUST_PROXY',
      'must be "true" in production (the provider is reached through a TLS proxy, and marks its cookies Secure only then)',
    );
  }
  // In production nothing is guessed: the workbench's addresses and the gateway's audience are the deployment's.
  for (const name of ['IDENTITY_AUDIENCE', 'WORKBENCH_REDIRECT_URIS', 'WORKBENCH_POST_LOGOUT_REDIRECT_URIS']) {
    if (production && !env[name]?.trim()) throw new ConfigError(name, 'is required in production');
  }
  const redirectUris = readUrlList(env, 'WORKBENCH_REDIRECT_URIS', ['http://localhost:4000/workbench/callback']);
  const postLogoutRedirectUris = readUrlList(env, 'WORKBENCH_POST_LOGOUT_REDIRECT_URIS', ['http://localhost:4000/workbench/']);
  if (production && redirectUris.some((uri) => !uri.startsWith('https://')))
    throw new ConfigError('WORKBENCH_REDIRECT_URIS', 'must be https:// URLs in production');
  return {
    port,
    // Without IDENTITY_ISSUER the provider names itself by the port it got (PORT=0 picks one).
    issuer: issuer ?? ((bound: number) => `http://localhost:${bound}`),
    audience: readUrl(env, 'IDENTITY_AUDIENCE', { required: false }) ?? 'http://localhost:4000/graphql',
    database: databaseLocation(readDatabaseUrl(env), join(dataDir, 'identity.sqlite')),
    keysFile: join(dataDir, 'identity-keys.json'),
    client: {
      clientId: env.WORKBENCH_CLIENT_ID || 'workbench',
      redirectUris,
      postLogoutRedirectUris,
    },
    accessTokenTtl: readSeconds(env, 'IDENTITY_ACCESS_TOKEN_TTL', 300, 30, 3600),
    sessionTtl: readSeconds(env, 'IDENTITY_SESSION_TTL', 8 * 3600, 300, 7 * 24 * 3600),
    trustProxy: env.IDENTITY_TRUST_PROXY === 'true',
    production,
  };
}
