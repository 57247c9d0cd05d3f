/**
 * The division contract (docs/division-contract.md) as `npm run conformance`
 * checks it: this project's own division system holds every rule, and systems
 * that get one detail wrong fail on that rule, saying what was expected and
 * what came back.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatResult, RULES, runContract, type RuleResult } from '../../gateway/src/division-contract/rules';
import type { DivisionService } from '../../subgraphs/division/src/app';
import { startBrokenDivision, type Breakage, type BrokenDivision } from '../support/broken-division';
import { TEST_CONTEXT_SECRET } from '../support/graphql';
import { startTestDivision } from '../support/services';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..');
const EXPECTED_SDL = readFileSync(join(ROOT, 'schema', 'division.graphql'), 'utf8');
const CLI = join(ROOT, 'dist', 'scripts', 'conformance.js');

let division: DivisionService;

beforeAll(async () => {
  division = await startTestDivision({ code: 'ZA', seed: 'demo', database: 'sqlite' });
});

afterAll(async () => {
  await division?.stop();
});

const check = (url: string, phases: Array<'admission' | 'read' | 'write'> = ['admission', 'read']) =>
  runContract({ url, division: 'ZA', contextSecret: TEST_CONTEXT_SECRET, expectedSdl: EXPECTED_SDL }, { phases });

const failed = (results: RuleResult[]) => results.filter((result) => result.outcome === 'fail');

/** The compiled command as a child process; asynchronous, so the systems in this process keep answering it. */
function conformance(
  args: string[],
  env: Record<string, string> = { CONTEXT_SECRET: TEST_CONTEXT_SECRET },
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe("this project's division system", () => {
  it('holds every rule of the contract, the writing ones included', async () => {
    const results = await check(division.url, ['admission', 'read', 'write']);
    expect(failed(results).map(formatResult)).toEqual([]);
    expect(results.map((result) => result.id)).toEqual(RULES.map((rule) => rule.id));
    expect(results.every((result) => result.outcome === 'pass')).toBe(true);
  });

  it('passes `npm run conformance`: one line per rule, exit status 0', async () => {
    const run = await conformance(['--url', division.url, '--division', 'ZA']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(RULES.length + 2);
    const ruleLines = lines.slice(1, -1);
    for (const [index, rule] of RULES.entries()) {
      expect(ruleLines[index]).toMatch(new RegExp(`^(PASS|SKIP) +${rule.id} `));
    }
    expect(ruleLines.filter((line) => line.startsWith('SKIP')).every((line) => line.includes('WRITE-') && line.includes('--write'))).toBe(true);
    expect(lines.at(-1)).toMatch(/ 0 failed, \d+ skipped/);
  });
});

describe('systems that break one rule', () => {
  const cases: Array<[Breakage, string[], RegExp]> = [
    ['entity-order', ['ENT-1'], /expected: \[Target ZA\/\w+, Division ZA, .*got: \[Division ZA, /],
    [
      'missing-null',
      ['ENT-2', 'ENT-3'],
      /ENT-2 .*expected: _entities: \[null\] and no errors for the unknown Target .*got: HTTP 200: \{"data":\{"_entities":\[\]\}\}/,
    ],
    ['accepts-unsigned', ['AUTH-1'], /AUTH-1 .*expected: HTTP 401 with errors\[0\]\.extensions\.code UNAUTHENTICATED and no data.*got: HTTP 200/],
    ['wrong-error-code', ['ROOT-2', 'POOL-4'], /ROOT-2 .*UNKNOWN_DIVISION, division: "XX".*got: HTTP 200, error codes NOT_FOUND/],
    ['sdl-drift', ['SCHEMA-1'], /SCHEMA-1 .*got: type Target: usccVerified is missing/],
  ];

  let broken: BrokenDivision | undefined;
  afterEach(async () => {
    await broken?.stop();
    broken = undefined;
  });

  it.each(cases)('%s fails exactly %j, with a message that says what was expected and what came back', async (breakage, rules, message) => {
    broken = await startBrokenDivision(division.url, breakage);
    const results = await check(broken.url);
    expect(failed(results).map((result) => result.id)).toEqual(rules);
    const lines = failed(results).map(formatResult).join('\n');
    expect(lines).toMatch(message);
  });

  it('makes `npm run conformance` exit 1 and print the failed rule', async () => {
    broken = await startBrokenDivision(division.url, 'accepts-unsigned');
    const run = await conformance(['--url', broken.url, '--division', 'ZA']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^FAIL AUTH-1 +a request without x-ssj-context is refused/m);
    expect(run.stdout).toMatch(/ 1 failed, /);
  });
});

describe('the command line', () => {
  it.each([
    [['--division', 'ZA'], /--url is required/],
    [['--url', 'ftp://example.org', '--division', 'ZA'], /is not an http\(s\) URL/],
    [['--url', 'http://127.0.0.1:9/graphql', '--division', 'za'], /is not a division code/],
    [['--url', 'http://127.0.0.1:9/graphql', '--division', 'ZA', '--fast'], /unknown argument --fast/],
  ])('refuses %j with exit status 2 and the usage', async (args, message) => {
    const run = await conformance(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('usage: npm run conformance');
  });

  it('says so when it has no key to sign with', async () => {
    const run = await conformance(['--url', 'http://127.0.0.1:9/graphql', '--division', 'ZA'], { DATA_DIR: join(ROOT, 'test', 'no-such-data-dir') });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no signing key: set CONTEXT_SECRET/);
  });

  it('reports an unreachable system as failed rules, not as a crash', async () => {
    const run = await conformance(['--url', 'http://127.0.0.1:9/graphql', '--division', 'ZA']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^FAIL HEALTH-1 /m);
    expect(run.stdout).toMatch(/no usable answer: fetch failed/);
  });
});
