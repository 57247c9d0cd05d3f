import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { BAD_PORTS, ConfigError, readPort } from '../../common/config';
import { repoRoot } from '../../common/repo-root';
import { loadOrCreateSecrets } from '../../scripts/dev-secrets';
import type { AdministratorNotice } from '../../identity/src/app';
import { workbenchAddresses, WORKBENCH_CLIENT_ID } from '../../scripts/local-identity';
import { readRunningSystem } from '../../scripts/running-system';
import { banner, PortInUseError, startLocalSystem, type LocalSystem } from '../../scripts/start';
import { createToken } from '../../scripts/token';
import { Browser } from '../identity/browser';
import { discoverProvider, signInThroughWorkbench } from '../identity/workbench';
import { postGraphQL } from '../support/graphql';
import { tempDir } from '../support/temp';

jest.setTimeout(300_000);

const DIVISIONS = ['ZA', 'WA', 'JD', 'JJ', 'CRJ'];

function mode(file: string): string {
  return (statSync(file).mode & 0o777).toString(8);
}

async function withBearer(url: string, query: string, token: string) {
  const result = await postGraphQL(url, query, {}, { authorization: `Bearer ${token}` });
  expect(result.errors).toBeUndefined();
  return result.data;
}

describe('npm start — the whole system in one process', () => {
  it('serves five divisions with demo data through the gateway, and a restart neither seeds again nor changes the secrets', async () => {
    const dataDir = join(tempDir(), 'data');
    // Only what the test gives: no AUTH_SECRET or CONTEXT_SECRET, so they are generated.
    const env = { DATA_DIR: dataDir };
    const lines: string[] = [];
    const notices: AdministratorNotice[] = [];
    const announce = (notice: AdministratorNotice) => notices.push(notice);
    let system: LocalSystem = await startLocalSystem({ dataDir, gatewayPort: 0, logLevel: 'silent', env, announce, progress: (line) => lines.push(line) });
    let coordinator: string;
    let supervisor: string;
    let auditLength: number;
    let jointAuditLength: number;
    try {
      expect(lines.some((line) => line.includes('division ZA'))).toBe(true);
      expect(lines.some((line) => line.includes('demo data'))).toBe(true);

      const publicView = await postGraphQL(system.gatewayUrl, '{ divisions { code name checklist { name } } }');
      expect(publicView.errors).toBeUndefined();
      expect(publicView.data.divisions.map((division: { code: string }) => division.code)).toEqual(DIVISIONS);
      for (const division of publicView.data.divisions) {
        expect(division.name).toEqual(expect.any(String));
        expect(division.checklist.length).toBeGreaterThan(0);
      }

      // `npm run import` finds this system through the data folder.
      expect(readRunningSystem(dataDir)).toMatchObject({ gatewayUrl: system.gatewayUrl, pid: process.pid });

      const health = await fetch(system.gatewayUrl.replace(/\/graphql$/, '/ready'));
      expect(health.status).toBe(200);

      const secretsFile = join(dataDir, 'dev-secrets.json');
      expect(existsSync(secretsFile)).toBe(true);
      expect(mode(secretsFile)).toBe('600');
      expect(mode(dataDir)).toBe('700');

      coordinator = await createToken(['--role', 'coordinator'], env);
      const directory = await withBearer(system.gatewayUrl, '{ division(code: "ZA") { targets(first: 1) { totalCount } } }', coordinator);
      expect(directory.division.targets.totalCount).toBeGreaterThanOrEqual(300);

      // 治安's guest-registration system, the extension subgraph schema/extension-subgraphs.json lists, runs beside them.
      expect(lines.some((line) => line.includes('lodging'))).toBe(true);
      const ready = (await (await fetch(system.gatewayUrl.replace(/\/graphql$/, '/ready'))).json()) as { subgraphs: Record<string, { ok: boolean }> };
      expect(ready.subgraphs.lodging).toMatchObject({ ok: true });
      const hotels = await withBearer(
        system.gatewayUrl,
        '{ division(code: "ZA") { targets(category: "旅馆", first: 10) { edges { node { name inspections { id } lodging { licenceNo months(last: 1) { registrations } } } } } } }',
        coordinator,
      );
      expect(hotels.division.targets.edges.some(({ node }: { node: { lodging: unknown } }) => node.lodging !== null)).toBe(true);

      supervisor = await createToken(['--role', 'supervisor'], env);
      const audit = await withBearer(system.gatewayUrl, '{ division(code: "ZA") { auditChain { ok length } } auditChain { ok length } }', supervisor);
      expect(audit.division.auditChain.ok).toBe(true);
      expect(audit.division.auditChain.length).toBeGreaterThan(0);
      auditLength = audit.division.auditChain.length;
      jointAuditLength = audit.auditChain.length;

      // 统一身份认证 runs beside them: its discovery document, and the administrator's first password given once, for the terminal.
      const discovery = (await (await fetch(`${system.identityUrl}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
      expect(discovery.issuer).toBe(system.identityUrl);
      expect(notices).toEqual([{ username: 'admin', password: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/) }]);
      expect(lines.join('\n')).not.toContain(notices[0]!.password);
      // The administrator signs in at the provider as the workbench would, and the gateway takes the access token.
      const provider = await discoverProvider(system.identityUrl, WORKBENCH_CLIENT_ID);
      const tokens = await signInThroughWorkbench(provider, new Browser(), { ...notices[0]!, redirectUri: workbenchAddresses(0).redirectUri });
      expect((await withBearer(system.gatewayUrl, '{ auditChain { ok } }', tokens.access_token)).auditChain.ok).toBe(true);
      // The workbench's page names that provider as where people sign in.
      const workbench = await (await fetch(system.gatewayUrl.replace(/\/graphql$/, '/workbench/'))).text();
      const boot = JSON.parse(/<script type="application\/json" id="workbench-config">([^<]*)<\/script>/.exec(workbench)![1]!.trim());
      expect(boot).toEqual({ issuer: system.identityUrl, clientId: WORKBENCH_CLIENT_ID, graphql: '/graphql' });
    } finally {
      await system.stop();
    }

    expect(readRunningSystem(dataDir)).toBeNull();
    const secrets = readFileSync(join(dataDir, 'dev-secrets.json'), 'utf8');
    const again: string[] = [];
    // OPS_NETWORKS=none: this machine is no operations network any more, for any of the services.
    system = await startLocalSystem({
      dataDir,
      gatewayPort: 0,
      logLevel: 'silent',
      env: { ...env, OPS_NETWORKS: 'none' },
      announce,
      progress: (line) => again.push(line),
    });
    try {
      expect(again.some((line) => line.includes('demo data'))).toBe(false);
      const ready = await fetch(system.gatewayUrl.replace(/\/graphql$/, '/ready'));
      expect(await ready.json()).toEqual({ ready: true });
      expect((await fetch(system.gatewayUrl.replace(/\/graphql$/, '/metrics'))).status).toBe(403);
      expect(readFileSync(join(dataDir, 'dev-secrets.json'), 'utf8')).toBe(secrets);
      // Tokens of the first run still work, and nothing was loaded a second time.
      const audit = await withBearer(system.gatewayUrl, '{ division(code: "ZA") { auditChain { ok length } } auditChain { ok length } }', supervisor!);
      expect(audit.division.auditChain).toEqual({ ok: true, length: auditLength! });
      expect(audit.auditChain.length).toBe(jointAuditLength!);
      const directory = await withBearer(system.gatewayUrl, '{ division(code: "ZA") { targets(first: 1) { totalCount } } }', coordinator!);
      expect(directory.division.targets.totalCount).toBeGreaterThanOrEqual(300);
      // The provider kept its administrator: no second password was made, and the first one still signs in.
      // (Port 0 gave it another port, hence another issuer, so the first run's access token names the old one.)
      expect(notices).toHaveLength(1);
      const provider = await discoverProvider(system.identityUrl, WORKBENCH_CLIENT_ID);
      const tokens = await signInThroughWorkbench(provider, new Browser(), { ...notices[0]!, redirectUri: workbenchAddresses(0).redirectUri });
      expect((await withBearer(system.gatewayUrl, '{ auditChain { ok } }', tokens.access_token)).auditChain.ok).toBe(true);
    } finally {
      await system.stop();
    }
  });

  it('stops before loading anything when a port is taken, naming the port and PORT', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const port = (blocker.address() as { port: number }).port;
    const dataDir = join(tempDir(), 'data');
    try {
      const attempt = startLocalSystem({ dataDir, gatewayPort: port, basePort: 0, logLevel: 'silent', env: { DATA_DIR: dataDir } });
      await expect(attempt).rejects.toThrow(PortInUseError);
      await expect(attempt).rejects.toThrow(new RegExp(`port ${port}.*PORT`));
      expect(existsSync(join(dataDir, 'division-ZA.sqlite'))).toBe(false);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it.each([
    [6000, /PORT: .*6000.*bad port.*PORT=6001 npm start/],
    [6565, /PORT=6565 puts the joint subgraph on 6665.*PORT=6570 npm start/],
    [10080, /10080/],
  ])('refuses PORT=%d, a port browsers and fetch refuse, before creating or loading anything', async (port, message) => {
    const dataDir = join(tempDir(), 'data');
    const attempt = startLocalSystem({ dataDir, gatewayPort: port, logLevel: 'silent', env: { DATA_DIR: dataDir } });
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(attempt).rejects.toThrow(message);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('says so when `PORT=6000 npm start` is run, and exits before loading the demo', () => {
    const dataDir = join(tempDir(), 'data');
    const run = spawnSync(process.execPath, ['dist/scripts/start.js'], {
      cwd: repoRoot(),
      env: { ...process.env, PORT: '6000', DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(run.status).toBe(78);
    expect(run.stderr).toMatch(/配置错误 \(configuration error\) — PORT: 6000 是浏览器和 fetch 拒绝连接的端口/);
    expect(run.stdout).not.toMatch(/演示|demo/);
    expect(existsSync(dataDir) ? readdirSync(dataDir) : []).toEqual([]);
  });

  it('knows the ports fetch refuses: the list undici enforces, 6000 failing with "bad port"', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the list undici's fetch enforces
    const { badPorts } = require('undici/lib/web/fetch/constants.js') as { badPorts: string[] };
    expect([...BAD_PORTS].map(String)).toEqual(badPorts);
    const failure = await fetch('http://127.0.0.1:6000/').catch((error: Error & { cause?: Error }) => error.cause?.message);
    expect(failure).toBe('bad port');
    expect(() => readPort({ PORT: '6667' }, 4000)).toThrow(/PORT: 6667 .*bad port/);
    expect(readPort({ PORT: '6001' }, 4000)).toBe(6001);
  });

  it('prints the portal first, then the explorer and the API, for the port in use', () => {
    const lines = banner(5000).split('\n');
    const urls = lines.map((line) => /(http:\/\/localhost:\d+\/\S*)/.exec(line)?.[1]).filter(Boolean);
    expect(urls.slice(0, 4)).toEqual([
      'http://localhost:5000/',
      'http://localhost:5000/workbench/',
      'http://localhost:5000/explorer',
      'http://localhost:5000/graphql',
    ]);
    expect(lines.find((line) => line.includes('http://localhost:5000/'))).toMatch(/公示平台/);
  });

  it('prints the sign-in address after the others, and the administrator password only at the first start', () => {
    const signIn = { identityUrl: 'http://localhost:5120' };
    const first = banner(5000, undefined, null, { ...signIn, administrator: { username: 'admin', password: 'first-password-0123456789' } });
    const lines = first.split('\n');
    const urls = lines.map((line) => /(http:\/\/localhost:\d+\S*)/.exec(line)?.[1]).filter(Boolean);
    expect(urls.slice(0, 7)).toEqual([
      'http://localhost:5000/',
      'http://localhost:5000/workbench/',
      'http://localhost:5000/explorer',
      'http://localhost:5000/graphql',
      'http://localhost:5000/health',
      'http://localhost:5120',
      'http://localhost:5120/.well-known/openid-configuration',
    ]);
    expect(lines.find((line) => line.endsWith('http://localhost:5120'))).toMatch(/统一身份认证 \(sign-in service\)/);
    expect(first.split('first-password-0123456789')).toHaveLength(2);
    expect(lines.findIndex((line) => line.includes('first-password'))).toBeGreaterThan(lines.findIndex((line) => line.includes('openid-configuration')));
    expect(banner(5000, undefined, null, signIn)).not.toMatch(/初始密码/);
    // How to sign in to the workbench for the first time, at every start.
    for (const text of [first, banner(5000, undefined, null, signIn)])
      expect(text).toMatch(/首次登录工作台[^\n]*\n[^\n]*http:\/\/localhost:5000\/workbench\/ ，点击“登录”/);
  });

  it('uses the secrets from the environment, and never generates them in production', () => {
    const dataDir = join(tempDir(), 'data');
    const given = { AUTH_SECRET: 'auth-secret-from-the-environment-0123', CONTEXT_SECRET: 'context-secret-from-the-environment-01' };
    expect(loadOrCreateSecrets(dataDir, given)).toEqual({ authSecret: given.AUTH_SECRET, contextSecret: given.CONTEXT_SECRET });
    expect(existsSync(join(dataDir, 'dev-secrets.json'))).toBe(false);

    expect(() => loadOrCreateSecrets(dataDir, { NODE_ENV: 'production' })).toThrow(/AUTH_SECRET, CONTEXT_SECRET/);
    expect(() => loadOrCreateSecrets(dataDir, { NODE_ENV: 'production', AUTH_SECRET: 'p'.repeat(40) })).toThrow(/^CONTEXT_SECRET: .*production/);
    expect(existsSync(join(dataDir, 'dev-secrets.json'))).toBe(false);
  });
});
