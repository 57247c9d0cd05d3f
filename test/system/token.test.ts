import { decodeProtectedHeader, jwtVerify } from 'jose';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { viewerFromClaims } from '../../gateway/src/auth';
import { createToken, issueToken, parseTokenArgs, parseTtl, TokenUsageError } from '../../scripts/token';
import { tempDir } from '../support/temp';

const SECRET = 'a-development-secret-0123456789abcdef';
const key = new TextEncoder().encode(SECRET);

describe('npm run token — arguments', () => {
  it.each([
    [['--role', 'chief'], /unknown role "chief"/],
    [['--role', 'coordinator,chief'], /unknown role "chief"/],
    [[], /--role is required/],
    [['--role', 'inspector', '--division', 'ZA'], /--inspector is required/],
    [['--role', 'inspector', '--inspector', 'ZA-0001'], /--division is required/],
    [['--role', 'division_admin'], /--division is required/],
    [['--role', 'reviewer'], /--division is required for the reviewer role/],
    [['--role', 'division_admin', '--division', 'Z'], /not a division code/],
    [['--role', 'coordinator', '--ttl', 'forever'], /--ttl/],
    [['--role', 'coordinator', '--ttl', '90d'], /at most 30d/],
    [['--role', 'coordinator', '--colour', 'blue'], /colour/],
    [['--role'], /--role/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseTokenArgs(argv)).toThrow(TokenUsageError);
    expect(() => parseTokenArgs(argv)).toThrow(message);
  });

  it('accepts several roles, repeated or comma-separated, once each', () => {
    expect(parseTokenArgs(['--role', 'coordinator', '--role', 'supervisor,coordinator']).roles).toEqual(['coordinator', 'supervisor']);
  });

  it('reads lifetimes in seconds, minutes, hours and days', () => {
    expect(parseTtl('45')).toBe(45);
    expect(parseTtl('30m')).toBe(1800);
    expect(parseTtl('8h')).toBe(28800);
    expect(parseTtl('2d')).toBe(172800);
    expect(() => parseTtl('0h')).toThrow(TokenUsageError);
  });
});

describe('npm run token — the token', () => {
  it('carries the claims of DESIGN §5, signed HS256 with AUTH_SECRET, valid 8 hours by default', async () => {
    const token = await createToken(['--role', 'inspector', '--division', 'ZA', '--inspector', 'ZA-0001', '--name', '王警官'], {
      AUTH_SECRET: SECRET,
      DATA_DIR: tempDir(),
    });
    expect(decodeProtectedHeader(token).alg).toBe('HS256');
    const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
    expect(payload).toMatchObject({ roles: ['inspector'], division: 'ZA', inspector: 'ZA-0001', name: '王警官' });
    expect(typeof payload.sub).toBe('string');
    expect(payload.exp! - payload.iat!).toBe(8 * 3600);
    expect(Math.abs(payload.iat! - Date.now() / 1000)).toBeLessThan(120);
    // The gateway's own reading of the claims accepts it.
    expect(viewerFromClaims(payload)).toMatchObject({ roles: ['inspector'], division: 'ZA', inspector: 'ZA-0001', name: '王警官' });
  });

  it("signs a reviewer's token (法制审核) with its division, which the gateway requires", async () => {
    const token = await createToken(['--role', 'reviewer', '--division', 'za'], { AUTH_SECRET: SECRET, DATA_DIR: tempDir() });
    const { payload } = await jwtVerify(token, key);
    expect(payload).toMatchObject({ roles: ['reviewer'], division: 'ZA', name: 'ZA 法制审核员', sub: 'dev-reviewer-ZA' });
    expect(viewerFromClaims(payload)).toMatchObject({ roles: ['reviewer'], division: 'ZA' });
    const { division: _division, ...withoutDivision } = payload;
    expect(() => viewerFromClaims(withoutDivision)).toThrow(/reviewer tokens must name their division/);
  });

  it('takes --sub and --ttl, and leaves out division and inspector when not given', async () => {
    const token = await createToken(['--role', 'coordinator', '--role', 'supervisor', '--sub', 'u-42', '--ttl', '30m'], {
      AUTH_SECRET: SECRET,
      DATA_DIR: tempDir(),
    });
    const { payload } = await jwtVerify(token, key);
    expect(payload).toMatchObject({ sub: 'u-42', roles: ['coordinator', 'supervisor'] });
    expect(payload.name).toEqual(expect.any(String));
    expect(payload).not.toHaveProperty('division');
    expect(payload).not.toHaveProperty('inspector');
    expect(payload.exp! - payload.iat!).toBe(1800);
    expect(viewerFromClaims(payload).roles).toEqual(['coordinator', 'supervisor']);
  });

  it('signs with the secret npm start keeps in DATA_DIR when AUTH_SECRET is not set', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'dev-secrets.json'), JSON.stringify({ authSecret: SECRET, contextSecret: 'another-secret-0123456789abcdef' }), { mode: 0o600 });
    const issued = await issueToken(['--role', 'analyst'], { DATA_DIR: dataDir });
    expect(issued.secretSource).toBe(join(dataDir, 'dev-secrets.json'));
    await expect(jwtVerify(issued.token, key)).resolves.toBeDefined();
  });

  it('says how to get a secret when there is none', async () => {
    const attempt = issueToken(['--role', 'coordinator'], { DATA_DIR: join(tempDir(), 'never-started') });
    await expect(attempt).rejects.toThrow(TokenUsageError);
    await expect(attempt).rejects.toThrow(/start the system with `npm start` first, or set AUTH_SECRET/);
  });
});

describe('npm run token — the command', () => {
  const script = join(__dirname, '..', '..', 'dist', 'scripts', 'token.js');
  const run = (argv: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, [script, ...argv], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });

  it('prints only the token on stdout and a hint on stderr', async () => {
    const result = run(['--role', 'coordinator'], { AUTH_SECRET: SECRET, DATA_DIR: tempDir() });
    expect(result.status).toBe(0);
    const token = result.stdout.trim();
    expect(result.stdout).toBe(`${token}\n`);
    await expect(jwtVerify(token, key)).resolves.toBeDefined();
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits with status 2 and says what is wrong', () => {
    const unknownRole = run(['--role', 'chief'], { AUTH_SECRET: SECRET, DATA_DIR: tempDir() });
    expect(unknownRole.status).toBe(2);
    expect(unknownRole.stdout).toBe('');
    expect(unknownRole.stderr).toMatch(/unknown role "chief"/);
    const noSecret = run(['--role', 'coordinator'], { DATA_DIR: join(tempDir(), 'never-started') });
    expect(noSecret.status).toBe(2);
    expect(noSecret.stderr).toMatch(/npm start/);
  });
});
