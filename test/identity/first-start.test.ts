import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../common/orm';
import { AccountAuditEntry } from '../../identity/src/accounts/account-audit.entity';
import { Account } from '../../identity/src/accounts/account.entity';
import { signIn } from '../../identity/src/accounts/sign-in';
import { identityEntities } from '../../identity/src/entities';
import { identityMigrations } from '../../identity/migrations';
import { launchNode, serviceEnv, waitForStatus, type LaunchedProcess } from '../../scripts/process-support';

/**
 * The compiled service started as `node dist/identity/src/main.js`, as an operator
 * starts it: this is also where Node itself (not Jest) loads the ESM-only
 * oidc-provider with require().
 */
const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'identity', 'src', 'main.js');

let dataDir: string;
const started: LaunchedProcess[] = [];

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'ssj-identity-start-'));
});

afterAll(async () => {
  for (const child of started) if (child.alive()) child.child.kill('SIGKILL');
  await Promise.all(started.map((child) => child.exited));
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the service on a port of its choosing, waits until it answers, stops it, and returns what it printed. */
async function startAndStop(): Promise<string> {
  const child = launchNode([MAIN], { cwd: ROOT, env: serviceEnv({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' }), outputLimit: 200_000 });
  started.push(child);
  const service = { name: 'identity', alive: child.alive, output: child.output };
  const deadline = Date.now() + 30_000;
  let url: string | undefined;
  while (!url && Date.now() < deadline && child.alive()) {
    url = /"url":"(http:\/\/localhost:\d+)"/.exec(child.output())?.[1];
    if (!url) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!url) throw new Error(`the identity provider did not start:\n${child.output()}`);
  await waitForStatus(`${url}/.well-known/openid-configuration`, service);
  child.child.kill('SIGTERM');
  expect(await child.exited).toEqual({ code: 0, signal: null });
  return child.output();
}

describe('the first start of the identity provider', () => {
  it('creates the administrator with a random password printed once, and a second start creates no other', async () => {
    const first = await startAndStop();
    const password = /初始密码（只显示这一次）: (\S+)/.exec(first)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    // Printed once (Chinese and English lines of one message), never in a log line.
    expect(first.split(password!).length - 1).toBe(2);
    expect(first.split('\n').filter((line) => line.includes(password!) && line.startsWith('{'))).toEqual([]);

    const second = await startAndStop();
    expect(second).not.toContain(password);
    expect(second).not.toContain('初始密码');

    // Never stored in clear: neither the database nor the key file holds it.
    for (const file of ['identity.sqlite', 'identity-keys.json']) expect(readFileSync(join(dataDir, file)).includes(password!)).toBe(false);
    expect(statSync(join(dataDir, 'identity-keys.json')).mode & 0o077).toBe(0);
    expect(statSync(join(dataDir, 'identity.sqlite')).mode & 0o077).toBe(0);

    const orm = await openDatabase({
      location: { kind: 'sqlite', file: join(dataDir, 'identity.sqlite') },
      entities: identityEntities,
      migrations: identityMigrations,
    });
    try {
      const em = orm.em.fork();
      expect(await em.count(Account, {})).toBe(1);
      expect(await em.find(AccountAuditEntry, { account: 'admin' })).toEqual([expect.objectContaining({ actor: 'system', action: 'create' })]);
      expect(await signIn(em, 'admin', password!)).toMatchObject({ ok: true, account: { username: 'admin' } });
    } finally {
      await orm.close();
    }
  });
});
