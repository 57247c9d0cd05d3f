/**
 * One gateway, two kinds of user token: HS256 tokens signed with AUTH_SECRET
 * (scripts, `npm run token`) and RS256 access tokens of the built-in identity
 * provider, checked against its JWKS with its issuer and the gateway's audience.
 * The header's `alg` picks the key, and each key verifies only its own
 * algorithms, so nobody turns the provider's public key into an HMAC secret.
 */
import { createHmac, createPublicKey, type JsonWebKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importJWK, SignJWT, type JWK } from 'jose';
import { ConfigError } from '../../common/config';
import { defaultSupergraphPath, gatewayConfigFromEnv } from '../../gateway/src/config';
import { parseTokenArgs, signToken } from '../../scripts/token';
import { Browser } from '../identity/browser';
import { AUDIENCE, CLIENT_ID, REDIRECT_URI, startIdentity, type TestIdentity } from '../identity/identity-service';
import { discoverProvider, signInThroughWorkbench } from '../identity/workbench';
import { startTestSystem, type TestSystem } from '../support/system';
import { TEST_AUTH_SECRET } from '../support/tokens';

jest.setTimeout(120_000);

let identity: TestIdentity;
let system: TestSystem;

const OWN_DIRECTORY = '{ division(code: "ZA") { targets(first: 1) { totalCount } } }';

beforeAll(async () => {
  identity = await startIdentity();
  await identity.addAccount({ username: 'wangwu', displayName: '王五', password: 'correct horse 3', roles: ['division_admin'], division: 'ZA' });
  system = await startTestSystem({
    divisions: ['ZA'],
    gateway: { auth: { secret: TEST_AUTH_SECRET, jwksUrl: `${identity.issuer}/jwks`, issuer: identity.issuer, audience: AUDIENCE } },
  });
});

afterAll(async () => {
  await system?.stop();
  await identity?.stop();
});

/** The provider's signing key, as it keeps it in DATA_DIR: what only the provider holds. */
function providerSigningKey(): JWK & { kid: string } {
  const keys = JSON.parse(readFileSync(join(identity.dataDir, 'identity-keys.json'), 'utf8')) as { signing: Array<JWK & { kid: string }> };
  return keys.signing[0]!;
}

/** A token signed by the provider's own key, with claims of the test's choosing. */
async function providerSigned(claims: { iss: string; aud: string }): Promise<string> {
  const jwk = providerSigningKey();
  return new SignJWT({ name: '王五', roles: ['division_admin'], division: 'ZA' })
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'at+jwt' })
    .setSubject('wangwu')
    .setIssuer(claims.iss)
    .setAudience(claims.aud)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(await importJWK(jwk, 'RS256'));
}

function messages(result: { errors?: Array<{ message: string; extensions?: { code?: string } }> }) {
  return (result.errors ?? []).map((error) => [error.extensions?.code, error.message]);
}

describe('a gateway configured with AUTH_SECRET and the identity provider', () => {
  it('accepts an access token from a sign-in at the provider, with the account as viewer', async () => {
    const provider = await discoverProvider(identity.issuer, CLIENT_ID);
    const tokens = await signInThroughWorkbench(provider, new Browser(), { username: 'wangwu', password: 'correct horse 3', redirectUri: REDIRECT_URI });
    const own = await system.query(OWN_DIRECTORY, {}, tokens.access_token);
    expect(own.errors).toBeUndefined();
    expect(own.data.division.targets.totalCount).toEqual(expect.any(Number));
    // Without the token the directory is closed: the access token is what opened it.
    expect((await system.query(OWN_DIRECTORY)).errors).toBeDefined();
  });

  it("accepts `npm run token`'s HS256 token on the same gateway", async () => {
    const token = await signToken(parseTokenArgs(['--role', 'division_admin', '--division', 'ZA']), TEST_AUTH_SECRET);
    const own = await system.query(OWN_DIRECTORY, {}, token);
    expect(own.errors).toBeUndefined();
  });

  it("refuses an HS256 token signed with the provider's public key as the secret", async () => {
    const jwks = await (await fetch(`${identity.issuer}/jwks`)).text();
    const publicJwk = (JSON.parse(jwks) as { keys: JsonWebKey[] }).keys[0]!;
    const pem = createPublicKey({ key: publicJwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }) as string;
    for (const secret of [pem, jwks, JSON.stringify(publicJwk)]) {
      const forged = await new SignJWT({ name: '冒充者', roles: ['supervisor'] })
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .setSubject('forger')
        .setIssuer(identity.issuer)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(secret));
      const result = await system.query('{ divisions { code } }', {}, forged);
      expect(result.status).toBe(401);
      expect(messages(result)).toEqual([['UNAUTHENTICATED', '令牌无效或签名错误 (the token is invalid or wrongly signed)']]);
    }
  });

  it("refuses a token of the provider's key for another audience or from another issuer, naming the claim", async () => {
    expect((await system.query(OWN_DIRECTORY, {}, await providerSigned({ iss: identity.issuer, aud: AUDIENCE }))).errors).toBeUndefined();
    const otherAudience = await system.query(OWN_DIRECTORY, {}, await providerSigned({ iss: identity.issuer, aud: 'http://elsewhere.test/graphql' }));
    expect(otherAudience.status).toBe(401);
    expect(messages(otherAudience)).toEqual([['UNAUTHENTICATED', "令牌声明无效：aud (the token's aud claim is not accepted)"]]);
    const otherIssuer = await system.query(OWN_DIRECTORY, {}, await providerSigned({ iss: 'http://elsewhere.test', aud: AUDIENCE }));
    expect(otherIssuer.status).toBe(401);
    expect(messages(otherIssuer)).toEqual([['UNAUTHENTICATED', "令牌声明无效：iss (the token's iss claim is not accepted)"]]);
  });

  it('refuses a token signed with AUTH_SECRET whose header says RS256, and one naming an algorithm neither key verifies', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const payload = encode({ sub: 'x', roles: ['supervisor'], exp: Math.floor(Date.now() / 1000) + 600 });
    for (const alg of ['RS256', 'PS256', 'HS512']) {
      const signingInput = `${encode({ alg, typ: 'JWT' })}.${payload}`;
      const signature = createHmac('sha256', TEST_AUTH_SECRET).update(signingInput).digest('base64url');
      const result = await system.query('{ divisions { code } }', {}, `${signingInput}.${signature}`);
      expect(result.status).toBe(401);
      expect(messages(result)).toEqual([['UNAUTHENTICATED', '令牌无效或签名错误 (the token is invalid or wrongly signed)']]);
    }
  });
});

describe("the gateway's configuration of user tokens", () => {
  const base = { SUPERGRAPH_PATH: defaultSupergraphPath(), CONTEXT_SECRET: 'c'.repeat(40) };
  const provider = {
    AUTH_JWKS_URL: 'https://sso.example.test/jwks',
    AUTH_ISSUER: 'https://sso.example.test',
    AUTH_AUDIENCE: 'https://ssj.example.test/graphql',
  };

  it('reads AUTH_SECRET and the provider together', () => {
    expect(gatewayConfigFromEnv({ ...base, AUTH_SECRET: TEST_AUTH_SECRET, ...provider }).auth).toEqual({
      secret: TEST_AUTH_SECRET,
      jwksUrl: provider.AUTH_JWKS_URL,
      issuer: provider.AUTH_ISSUER,
      audience: provider.AUTH_AUDIENCE,
    });
  });

  it('requires the issuer and the audience beside a JWKS in production, naming the variable', () => {
    expect(() => gatewayConfigFromEnv({ ...base, NODE_ENV: 'production', ...provider, AUTH_ISSUER: '' })).toThrow(ConfigError);
    expect(() => gatewayConfigFromEnv({ ...base, NODE_ENV: 'production', ...provider, AUTH_ISSUER: '' })).toThrow(
      /^AUTH_ISSUER: is required with AUTH_JWKS_URL/,
    );
    expect(() => gatewayConfigFromEnv({ ...base, NODE_ENV: 'production', ...provider, AUTH_AUDIENCE: '' })).toThrow(/^AUTH_AUDIENCE: /);
    expect(gatewayConfigFromEnv({ ...base, NODE_ENV: 'production', ...provider }).auth.secret).toBeUndefined();
  });
});
