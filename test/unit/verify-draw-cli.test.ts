import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../scripts/verify-draw';
import { DRAW_ALGORITHM, commitmentOf, drawRecordJson, runDraw, type DrawRecord } from '../../subgraphs/joint/src/draw/algorithm';

const secret = '7'.repeat(64);
const record: DrawRecord = runDraw({
  input: {
    algorithm: DRAW_ALGORITHM,
    task: 'T-CLI',
    asOf: '2026-11-28',
    ratioBp: 10000,
    highRiskRatioBp: 10000,
    inspectorsPerDivision: 1,
    minTeamSize: 2,
    targets: [
      { uscc: '91440300708461136T', stratum: 'HIGH', divisions: ['WA', 'ZA'] },
      { uscc: '91440300MA5DA1B20X', stratum: 'NORMAL', divisions: ['ZA'] },
    ],
    inspectors: [
      { division: 'WA', id: 'WA-0001', conflicts: [] },
      { division: 'ZA', id: 'ZA-0001', conflicts: [] },
      { division: 'ZA', id: 'ZA-0002', conflicts: [] },
    ],
  },
  secret,
  beacon: '2026-11-28 福彩3D 427',
  commitment: commitmentOf(secret),
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verify-draw-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

async function fileWith(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text, 'utf8');
  return path;
}

describe('verify-draw <record.json>', () => {
  it('exits 0 and says OK for a genuine record', async () => {
    const result = await run([await fileWith('good.json', drawRecordJson(record))]);
    expect(result.code).toBe(0);
    expect(result.out).toEqual([`OK: draw record verifies (2 assignments, pool digest ${record.poolDigest})`]);
  });

  it('exits 1 and prints the problem for a tampered record', async () => {
    const tampered = structuredClone(record);
    tampered.assignments[1]!.team[0]!.id = 'ZA-0009';
    const path = await fileWith('tampered.json', drawRecordJson(tampered));
    const result = await run([path]);
    expect(result.code).toBe(1);
    expect(result.out[0]).toContain('does not verify');
    expect(result.out.slice(1)).toEqual([expect.stringMatching(/^ {2}- check 4 failed: assignment 1 differs/)]);
    expect(result.out[1]).toContain('ZA-0009');
  });

  it('exits 1 for a file that is not a record at all', async () => {
    const result = await run([await fileWith('garbage.json', 'not json at all')]);
    expect(result.code).toBe(1);
    expect(result.out.join('\n')).toContain('not valid JSON');
  });

  it('exits 2 for a missing file', async () => {
    const result = await run([join(dir, 'no-such-record.json')]);
    expect(result.code).toBe(2);
    expect(result.err[0]).toContain('cannot read');
    expect(result.out).toEqual([]);
  });

  it('exits 2 with the usage when the file is not named', async () => {
    for (const argv of [[], ['a.json', 'b.json'], ['--help']]) {
      const result = await run(argv);
      expect(result.code).toBe(2);
      expect(result.err[0]).toMatch(/^usage: verify-draw <record\.json>/);
    }
  });
});

describe('verify-draw on SSJ-DRAW-2 records', () => {
  const fixtures = join(__dirname, '..', 'fixtures');

  it.each([
    ['public', 'ssj-draw-2-example.public.json', 'SSJ-DRAW-2 public record, 4 assignments'],
    ['full', 'ssj-draw-2-example.full.json', 'SSJ-DRAW-2 full record, 4 assignments'],
  ])('accepts the worked example’s %s record', async (_kind, file, summary) => {
    const result = await run([join(fixtures, file)]);
    expect(result.code).toBe(0);
    expect(result.out[0]).toContain(`OK: draw record verifies (${summary}, pool digest c61aa93f`);
  });

  it('refuses an edited public record, naming the failed check', async () => {
    const text = await readFile(join(fixtures, 'ssj-draw-2-example.public.json'), 'utf8');
    const edited = text.replace('"beacon":"5 8 2"', '"beacon":"5 8 3"');
    const result = await run([await fileWith('edited-2.json', edited)]);
    expect(result.code).toBe(1);
    expect(result.out.join('\n')).toContain('check 3 failed');
  });
});
