/**
 * The TypeScript draw against test/reference/ssj_draw_1.py, a second implementation written
 * from DRAW-ALGORITHM.md alone: the published records must agree byte for byte, which is what
 * lets anyone re-run a draw in another language.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  DRAW_ALGORITHM,
  NotEnoughInspectorsError,
  commitmentOf,
  drawRecordJson,
  runDraw,
  type DrawInput,
  type DrawInspector,
  type DrawTarget,
  type ExcludedTarget,
  type Stratum,
} from '../../subgraphs/joint/src/draw/algorithm';

const REFERENCE = join(__dirname, '..', 'reference', 'ssj_draw_1.py');

/** The interpreter behind `python3`, resolved once: version-manager shims cost half a second a call. */
const PYTHON = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout?.trim() || 'python3';

type Case = { input: DrawInput; secret: string; beacon: string; excluded: ExcludedTarget[] };
type Outcome = { record: string } | { failure: string };

function reference(drawCase: Case): Outcome {
  const run = spawnSync(PYTHON, [REFERENCE], { input: JSON.stringify(drawCase), encoding: 'utf8' });
  if (run.error) throw run.error;
  if (run.status === 0) return { record: run.stdout };
  if (run.status === 3) return { failure: run.stderr.trim() };
  throw new Error(`reference implementation exited with ${run.status}: ${run.stderr}`);
}

function typescript({ input, secret, beacon, excluded }: Case): Outcome {
  try {
    return { record: drawRecordJson(runDraw({ input, secret, beacon, commitment: commitmentOf(secret), excluded })) };
  } catch (error) {
    if (error instanceof NotEnoughInspectorsError) {
      return { failure: `NOT_ENOUGH_INSPECTORS ${error.division} ${error.uscc}` };
    }
    throw error;
  }
}

const secretFrom = (text: string): string => createHash('sha256').update(text).digest('hex');
const target = (uscc: string, stratum: Stratum, ...divisions: string[]): DrawTarget => ({ uscc, stratum, divisions });
const inspector = (division: string, id: string, ...conflicts: string[]): DrawInspector => ({ division, id, conflicts });

function input(overrides: Partial<DrawInput>): DrawInput {
  return {
    algorithm: DRAW_ALGORITHM,
    task: 'T-REF',
    asOf: '2026-11-28',
    ratioBp: 5000,
    highRiskRatioBp: 10000,
    inspectorsPerDivision: 1,
    minTeamSize: 2,
    targets: [],
    inspectors: [],
    ...overrides,
  };
}

const jointInspectors = ['WA', 'ZA', 'JD'].flatMap((division) =>
  Array.from({ length: 4 }, (_, n) => inspector(division, `${division}-${String(n + 1).padStart(4, '0')}`)),
);

const handWritten: Array<[string, Case]> = [
  [
    'a joint task with conflicts, both strata and exclusions',
    {
      input: input({
        task: 'JOINT-2026-07',
        ratioBp: 3000,
        highRiskRatioBp: 6000,
        targets: [
          target('91440300708461136T', 'HIGH', 'ZA', 'WA'),
          target('91440300MA5DA1B20X', 'NORMAL', 'ZA'),
          target('91440300MA5EXAMPLE', 'NORMAL', 'WA', 'JD', 'ZA'),
          target('92440300L12345678Q', 'HIGH', 'JD'),
          target('91440300MA5F00001A', 'NORMAL', 'JD', 'WA'),
          target('91440300MA5F00002B', 'NORMAL', 'ZA'),
          target('91440300MA5F00003C', 'HIGH', 'WA', 'ZA'),
        ],
        inspectors: jointInspectors.map((i, n) => (n % 3 === 0 ? { ...i, conflicts: ['91440300708461136T', '91440300MA5EXAMPLE'] } : i)),
      }),
      secret: secretFrom('joint'),
      beacon: '2026-11-28 福彩3D 第2026318期 4 2 7',
      excluded: [
        { uscc: '91440300MA5ZZZZZ9Z', reason: 'DRAWN_THIS_YEAR' },
        { uscc: '91440300MA5AAAAA1A', reason: 'DRAWN_THIS_YEAR' },
      ],
    },
  ],
  [
    'a DIRECTED task (every named entity drawn)',
    {
      input: input({
        ratioBp: 10000,
        highRiskRatioBp: 10000,
        targets: [target('91440300MA5DA1B20X', 'NORMAL', 'ZA'), target('91440300708461136T', 'HIGH', 'ZA')],
        inspectors: jointInspectors.filter((i) => i.division === 'ZA'),
      }),
      secret: secretFrom('directed'),
      beacon: 'notary witnessed: 8 1 3 3',
      excluded: [],
    },
  ],
  ['an empty pool', { input: input({}), secret: secretFrom('empty'), beacon: '0', excluded: [] }],
  [
    'teams topped up by cycling (inspectorsPerDivision 0, minTeamSize 5)',
    {
      input: input({
        inspectorsPerDivision: 0,
        minTeamSize: 5,
        ratioBp: 10000,
        targets: [target('E-1', 'NORMAL', 'ZA', 'WA'), target('E-2', 'NORMAL', 'JD', 'WA', 'ZA'), target('E-3', 'HIGH', 'JD')],
        inspectors: [...jointInspectors, inspector('JD', 'JD-0005'), inspector('JD', 'JD-0006', 'E-3')],
      }),
      secret: secretFrom('cycling'),
      beacon: 'quotes " and backslashes \\ and a\ttab',
      excluded: [],
    },
  ],
  [
    'identifiers that sort differently by byte and by locale',
    {
      input: input({
        ratioBp: 10000,
        targets: [target('b-1', 'NORMAL', 'za', 'ZA'), target('B-1', 'NORMAL', 'ZA'), target('a-1', 'HIGH', 'za')],
        inspectors: [
          inspector('ZA', 'z'),
          inspector('ZA', 'Z', 'b-1', 'B-1'),
          inspector('ZA', 'a'),
          inspector('za', 'y'),
          inspector('za', 'Y'),
          inspector('za', '_'),
        ],
      }),
      secret: secretFrom('bytes'),
      beacon: '🎲 beacon outside the BMP',
      excluded: [],
    },
  ],
  [
    'a draw that fails for lack of inspectors',
    {
      input: input({
        ratioBp: 10000,
        targets: [target('E-1', 'NORMAL', 'ZA', 'WA'), target('E-2', 'HIGH', 'WA')],
        inspectors: [inspector('WA', 'WA-1'), inspector('WA', 'WA-2', 'E-2'), inspector('ZA', 'ZA-1'), inspector('ZA', 'ZA-2')],
      }),
      secret: secretFrom('fails'),
      beacon: 'x',
      excluded: [],
    },
  ],
];

describe('SSJ-DRAW-1 against the Python reference implementation', () => {
  it.each(handWritten)('agrees byte for byte on %s', (_, drawCase) => {
    const ours = typescript(drawCase);
    expect(ours).toEqual(reference(drawCase));
  });

  it('really draws teams in the hand-written cases (the comparison is not vacuous)', () => {
    const joint = typescript(handWritten[0]![1]);
    expect('record' in joint && JSON.parse(joint.record).assignments.length).toBeGreaterThan(2);
    expect(typescript(handWritten[5]![1])).toEqual({ failure: 'NOT_ENOUGH_INSPECTORS WA E-2' });
  });

  const DIVISIONS = ['CRJ', 'JD', 'JJ', 'WA', 'ZA'];
  const randomCase: fc.Arbitrary<Case> = fc
    .record({
      divisions: fc.subarray(DIVISIONS, { minLength: 1 }),
      inspectorCounts: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 5, maxLength: 5 }),
      targets: fc.uniqueArray(
        fc.record({
          number: fc.integer({ min: 0, max: 999_999 }),
          stratum: fc.constantFrom<Stratum>('HIGH', 'NORMAL'),
          mask: fc.integer({ min: 1, max: 31 }),
        }),
        { maxLength: 25, selector: (t) => t.number },
      ),
      conflicts: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 15 }),
      ratioBp: fc.integer({ min: 0, max: 10000 }),
      highRiskRatioBp: fc.integer({ min: 0, max: 10000 }),
      inspectorsPerDivision: fc.integer({ min: 0, max: 2 }),
      minTeamSize: fc.integer({ min: 1, max: 4 }),
      secret: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      beacon: fc.stringMatching(/^[0-9A-Za-z 福彩期号-]{1,60}$/),
    })
    .map((r) => {
      const inspectors = r.divisions.flatMap((division, d) => Array.from({ length: r.inspectorCounts[d]! }, (_, n) => inspector(division, `${division}${n}`)));
      const targets = r.targets.map((t) => {
        const divisions = r.divisions.filter((_, d) => (t.mask >> d) & 1);
        const uscc = `91${String(t.number).padStart(6, '0')}MA5X0000${t.number % 7}`;
        return target(uscc, t.stratum, ...(divisions.length > 0 ? divisions : [r.divisions[0]!]));
      });
      for (const [i, t] of r.conflicts) {
        if (inspectors.length === 0 || targets.length === 0) break;
        const conflicts = inspectors[i % inspectors.length]!.conflicts;
        const uscc = targets[t % targets.length]!.uscc;
        if (!conflicts.includes(uscc)) conflicts.push(uscc);
      }
      return {
        input: input({
          task: `T-${r.targets.length}`,
          ratioBp: r.ratioBp,
          highRiskRatioBp: r.highRiskRatioBp,
          inspectorsPerDivision: r.inspectorsPerDivision,
          minTeamSize: r.minTeamSize,
          targets,
          inspectors,
        }),
        secret: Buffer.from(r.secret).toString('hex'),
        beacon: r.beacon,
        excluded: [],
      };
    });

  it('agrees byte for byte on 40 random pools', () => {
    const cases = fc.sample(randomCase, { seed: 20261128, numRuns: 40 });
    let drawn = 0;
    for (const drawCase of cases) {
      const ours = typescript(drawCase);
      expect(ours).toEqual(reference(drawCase));
      if ('record' in ours && JSON.parse(ours.record).assignments.length > 0) drawn += 1;
    }
    expect(drawn).toBeGreaterThan(15);
  });
});
