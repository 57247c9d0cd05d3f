import { ConfigError } from '../../common/config';
import { readIdentityConfig } from '../../identity/src/config';

describe("the identity provider's configuration", () => {
  it('runs on this machine with no settings: the issuer named by the port it gets', () => {
    const config = readIdentityConfig({ PORT: '0', DATA_DIR: '/tmp/ssj-identity-config' });
    expect(typeof config.issuer === 'function' && config.issuer(41234)).toBe('http://localhost:41234');
    expect(config).toMatchObject({
      audience: 'http://localhost:4000/graphql',
      database: { kind: 'sqlite', file: '/tmp/ssj-identity-config/identity.sqlite' },
      keysFile: '/tmp/ssj-identity-config/identity-keys.json',
      client: { clientId: 'workbench', redirectUris: ['http://localhost:4000/workbench/callback'] },
      accessTokenTtl: 300,
      sessionTtl: 28_800,
    });
  });

  it('reads the workbench client, the lifetimes and PostgreSQL', () => {
    const config = readIdentityConfig({
      IDENTITY_ISSUER: 'https://id.example.gov.cn',
      WORKBENCH_CLIENT_ID: 'desk',
      WORKBENCH_REDIRECT_URIS: 'https://ssj.example.gov.cn/workbench/callback, https://ssj2.example.gov.cn/workbench/callback',
      IDENTITY_ACCESS_TOKEN_TTL: '120',
      DATABASE_URL: 'postgres://ssj@db/identity',
    });
    expect(config).toMatchObject({
      issuer: 'https://id.example.gov.cn',
      client: { clientId: 'desk', redirectUris: ['https://ssj.example.gov.cn/workbench/callback', 'https://ssj2.example.gov.cn/workbench/callback'] },
      accessTokenTtl: 120,
      database: { kind: 'postgresql', url: 'postgres://ssj@db/identity' },
    });
  });

  it.each([
    [{ NODE_ENV: 'production' }, 'IDENTITY_ISSUER'],
    [{ NODE_ENV: 'production', IDENTITY_ISSUER: 'http://id.example.gov.cn' }, 'IDENTITY_ISSUER'],
    [{ NODE_ENV: 'production', IDENTITY_ISSUER: 'https://id.example.gov.cn' }, 'IDENTITY_TRUST_PROXY'],
    [{ NODE_ENV: 'production', IDENTITY_ISSUER: 'https://id.example.gov.cn', IDENTITY_TRUST_PROXY: 'true' }, 'IDENTITY_AUDIENCE'],
    [
      {
        NODE_ENV: 'production',
        IDENTITY_ISSUER: 'https://id.example.gov.cn',
        IDENTITY_TRUST_PROXY: 'true',
        IDENTITY_AUDIENCE: 'https://ssj.example.gov.cn/graphql',
        WORKBENCH_REDIRECT_URIS: 'http://ssj.example.gov.cn/workbench/callback',
        WORKBENCH_POST_LOGOUT_REDIRECT_URIS: 'https://ssj.example.gov.cn/workbench/',
      },
      'WORKBENCH_REDIRECT_URIS',
    ],
    [{ IDENTITY_ACCESS_TOKEN_TTL: '86400' }, 'IDENTITY_ACCESS_TOKEN_TTL'],
    [{ WORKBENCH_REDIRECT_URIS: 'not a url' }, 'WORKBENCH_REDIRECT_URIS'],
  ])('refuses %j, naming %s', (env, variable) => {
    expect(() => readIdentityConfig(env)).toThrow(ConfigError);
    expect(() => readIdentityConfig(env)).toThrow(new RegExp(`^${variable}:`));
  });
});
