import { createHash, createHmac } from 'node:crypto';
import {
  DRAW_ALGORITHM,
  InvalidBeaconError,
  InvalidDrawInputError,
  MIN_TEAM_SIZE,
  NotEnoughInspectorsError,
  commitmentOf,
  drawRecordJson,
  drawTeams,
  newSecret,
  normalizeDrawInput,
  poolDigestOf,
  rank,
  runDraw,
  sampleSize,
  seedOf,
  selectTargets,
  teamNeeds,
  verifyDrawRecord,
  type DrawInput,
  type DrawInspector,
  type DrawRecord,
  type DrawTarget,
  type Stratum,
} from '../../subgraphs/joint/src/draw/algorithm';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
/** Rank as the specification states it, computed here without the module under test. */
const rankHex = (seedHex: string, label: string): string => createHmac('sha256', Buffer.from(seedHex, 'hex')).update(label, 'utf8').digest('hex');

const SEED = sha256('a seed for hand-checked vectors');
const SECRET = sha256('a fixed secret for tests');
const BEACON = '2026-11-28 福彩3D 427';

function drawInput(overrides: Partial<DrawInput> = {}): DrawInput {
  return {
    algorithm: DRAW_ALGORITHM,
    task: 'T-2026-001',
    asOf: '2026-11-28',
    ratioBp: 10000,
    highRiskRatioBp: 10000,
    inspectorsPerDivision: 1,
    minTeamSize: MIN_TEAM_SIZE,
    targets: [],
    inspectors: [],
    ...overrides,
  };
}

const target = (uscc: string, stratum: Stratum, ...divisions: string[]): DrawTarget => ({ uscc, stratum, divisions });
const inspector = (division: string, id: string, ...conflicts: string[]): DrawInspector => ({ division, id, conflicts });
const usccs = (count: number, stratum: Stratum, prefix = 'E'): DrawTarget[] =>
  Array.from({ length: count }, (_, i) => target(`${prefix}${String(i).padStart(4, '0')}`, stratum, 'ZA'));
/** USCCs in ascending rank under `seed`, ordered with plain hex comparison (big-endian). */
const byRank = (seed: string, labels: string[], labelOf: (x: string) => string): string[] =>
  [...labels].sort((a, b) => (rankHex(seed, labelOf(a)) < rankHex(seed, labelOf(b)) ? -1 : 1));

/** Key order of RFC 8785 for ASCII keys, rebuilt independently of the module under test. */
function withSortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withSortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .map((key) => [key, withSortedKeys(object[key])]),
  );
}

function record(input: DrawInput, excluded: DrawRecord['excluded'] = []): DrawRecord {
  return runDraw({ input, secret: SECRET, beacon: BEACON, commitment: commitmentOf(SECRET), excluded });
}

describe('sample size per stratum — (|P|·bp + 9999) div 10000', () => {
  it.each([
    [1, 1, 1],
    [100, 1000, 10],
    [101, 1000, 11],
    [0, 1000, 0],
    [0, 0, 0],
    [3, 0, 0],
    [7, 10000, 7],
    [20, 500, 1],
    [21, 500, 2],
  ])('draws from %i entities at %i bp exactly %i', (population, bp, expected) => {
    expect(sampleSize(population, bp)).toBe(expected);
  });

  it.each([
    [1, 1, 1],
    [100, 1000, 10],
    [101, 1000, 11],
    [0, 1000, 0],
  ])('selectTargets picks %i NORMAL entities at %i bp → %i', (population, bp, expected) => {
    const input = drawInput({ ratioBp: bp, targets: usccs(population, 'NORMAL') });
    expect(selectTargets(input, SEED)).toHaveLength(expected);
  });
});

describe('target selection (§5)', () => {
  const high = usccs(4, 'HIGH', 'H');
  const normal = usccs(6, 'NORMAL', 'N');
  const input = normalizeDrawInput(drawInput({ highRiskRatioBp: 5000, ratioBp: 5000, targets: [...normal, ...high] }));

  it('puts the HIGH selections first, then the NORMAL ones, each in ascending HMAC rank', () => {
    const label = (uscc: string) => `target:${uscc}`;
    const expectedHigh = byRank(
      SEED,
      high.map((t) => t.uscc),
      label,
    ).slice(0, 2);
    const expectedNormal = byRank(
      SEED,
      normal.map((t) => t.uscc),
      label,
    ).slice(0, 3);
    expect(selectTargets(input, SEED).map((t) => t.uscc)).toEqual([...expectedHigh, ...expectedNormal]);
  });

  it('compares ranks as 32-byte big-endian numbers', () => {
    const got = rank(SEED, 'target:H0000');
    expect(got).toHaveLength(32);
    expect(got.toString('hex')).toBe(rankHex(SEED, 'target:H0000'));
  });

  it('gives a different selection under a different seed', () => {
    const many = drawInput({ ratioBp: 1000, targets: usccs(200, 'NORMAL') });
    const a = selectTargets(many, SEED).map((t) => t.uscc);
    const b = selectTargets(many, sha256('another seed')).map((t) => t.uscc);
    expect(a).toHaveLength(20);
    expect(b).not.toEqual(a);
  });

  it('refuses a seed that is not 64 lowercase hex characters', () => {
    expect(() => rank('abc', 'x')).toThrow(TypeError);
    expect(() => rank(SEED.toUpperCase(), 'x')).toThrow(TypeError);
  });
});

describe('team sizes (§6 need)', () => {
  it('tops a single-division team up to two when inspectorsPerDivision is 1', () => {
    expect(teamNeeds(['ZA'], 1, 2)).toEqual([{ division: 'ZA', need: 2 }]);
  });

  it('adds one at a time, cycling through the sorted divisions', () => {
    expect(teamNeeds(['ZA', 'WA', 'JD'], 0, 2)).toEqual([
      { division: 'JD', need: 1 },
      { division: 'WA', need: 1 },
      { division: 'ZA', need: 0 },
    ]);
    expect(teamNeeds(['B', 'A'], 0, 5)).toEqual([
      { division: 'A', need: 3 },
      { division: 'B', need: 2 },
    ]);
  });

  it('adds nothing when the divisions already reach the minimum', () => {
    expect(teamNeeds(['WA', 'ZA'], 1, 2)).toEqual([
      { division: 'WA', need: 1 },
      { division: 'ZA', need: 1 },
    ]);
    expect(teamNeeds(['WA', 'ZA'], 2, 2)).toEqual([
      { division: 'WA', need: 2 },
      { division: 'ZA', need: 2 },
    ]);
  });

  it('forms a team of two from one division for a single-division task', () => {
    const input = drawInput({
      targets: [target('E1', 'NORMAL', 'ZA')],
      inspectors: [inspector('ZA', 'ZA-1'), inspector('ZA', 'ZA-2'), inspector('ZA', 'ZA-3')],
    });
    const [assignment] = drawTeams(input, selectTargets(input, SEED), SEED);
    const expected = byRank(SEED, ['ZA-1', 'ZA-2', 'ZA-3'], (id) => `team:E1:ZA:${id}`).slice(0, 2);
    expect(assignment!.team).toEqual(expected.map((id) => ({ division: 'ZA', id })));
  });

  it('sends the topped-up inspectors from the first divisions in order', () => {
    const input = drawInput({
      inspectorsPerDivision: 0,
      targets: [target('E1', 'HIGH', 'ZA', 'WA', 'JD')],
      inspectors: ['JD', 'WA', 'ZA'].flatMap((d) => [inspector(d, `${d}-1`), inspector(d, `${d}-2`)]),
    });
    const [assignment] = drawTeams(input, selectTargets(input, SEED), SEED);
    expect(assignment!.divisions).toEqual(['JD', 'WA', 'ZA']);
    expect(assignment!.team.map((m) => m.division)).toEqual(['JD', 'WA']);
  });
});

describe('inspector choice (§6)', () => {
  it('prefers the least-loaded inspectors, then the lowest rank', () => {
    const input = drawInput({
      targets: [target('E1', 'NORMAL', 'ZA'), target('E2', 'NORMAL', 'ZA')],
      inspectors: [inspector('ZA', 'ZA-1'), inspector('ZA', 'ZA-2'), inspector('ZA', 'ZA-3')],
    });
    const selected = selectTargets(input, SEED);
    const [first, second] = selected.map((t) => t.uscc) as [string, string];
    expect(byRank(SEED, ['E1', 'E2'], (u) => `target:${u}`)).toEqual([first, second]);

    const ids = ['ZA-1', 'ZA-2', 'ZA-3'];
    const firstTeam = byRank(SEED, ids, (id) => `team:${first}:ZA:${id}`).slice(0, 2);
    const rested = ids.find((id) => !firstTeam.includes(id))!;
    const secondPick = byRank(SEED, firstTeam, (id) => `team:${second}:ZA:${id}`)[0]!;

    const teams = drawTeams(input, selected, SEED).map((a) => a.team.map((m) => m.id));
    expect(teams).toEqual([firstTeam, [rested, secondPick]]);
  });

  it('never sends an inspector to an entity they declared a conflict with', () => {
    const ids = ['ZA-1', 'ZA-2', 'ZA-3'];
    const favourite = byRank(SEED, ids, (id) => `team:E1:ZA:${id}`)[0]!;
    const input = drawInput({
      targets: [target('E1', 'NORMAL', 'ZA')],
      inspectors: ids.map((id) => (id === favourite ? inspector('ZA', id, 'E0', 'E1') : inspector('ZA', id))),
    });
    const [assignment] = drawTeams(input, selectTargets(input, SEED), SEED);
    const expected = byRank(
      SEED,
      ids.filter((id) => id !== favourite),
      (id) => `team:E1:ZA:${id}`,
    );
    expect(assignment!.team.map((m) => m.id)).toEqual(expected);
  });

  it('fails naming the division and the entity when a division runs out', () => {
    const input = drawInput({
      targets: [target('91440300708461136T', 'HIGH', 'WA', 'ZA')],
      inspectors: [inspector('WA', 'WA-1'), inspector('ZA', 'ZA-1', '91440300708461136T')],
    });
    let failure: unknown;
    try {
      drawTeams(input, selectTargets(input, SEED), SEED);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(NotEnoughInspectorsError);
    const error = failure as NotEnoughInspectorsError;
    expect(error.division).toBe('ZA');
    expect(error.uscc).toBe('91440300708461136T');
    expect(error.message).toContain('ZA');
    expect(error.message).toContain('91440300708461136T');
    expect(error.message).toContain('可选执法检查人员不足');
    expect(error.message).toContain('not enough eligible inspectors in division ZA for entity 91440300708461136T');
  });

  it('names the first target in assignment order that cannot be staffed', () => {
    const input = drawInput({ targets: [target('E1', 'NORMAL', 'ZA'), target('E2', 'HIGH', 'ZA')], inspectors: [] });
    expect(() => drawTeams(input, selectTargets(input, SEED), SEED)).toThrow(expect.objectContaining({ division: 'ZA', uscc: 'E2' }));
  });

  it('fails when a single-division team of two finds only one inspector', () => {
    const input = drawInput({ targets: [target('E1', 'NORMAL', 'ZA')], inspectors: [inspector('ZA', 'ZA-1')] });
    expect(() => runDraw({ input, secret: SECRET, beacon: BEACON, commitment: commitmentOf(SECRET) })).toThrow(NotEnoughInspectorsError);
  });
});

describe('input normalization (§3)', () => {
  it('sorts by byte value, not by locale', () => {
    const normalized = normalizeDrawInput(
      drawInput({
        targets: [target('b', 'NORMAL', 'ZA', 'WA'), target('B', 'HIGH', 'za', 'ZA'), target('a', 'NORMAL', 'JD')],
        inspectors: [inspector('ZA', 'z'), inspector('ZA', 'Z', 'b', 'B', 'a'), inspector('JD', 'x'), inspector('WA', 'y')],
      }),
    );
    expect(normalized.targets.map((t) => t.uscc)).toEqual(['B', 'a', 'b']);
    expect(normalized.targets[0]!.divisions).toEqual(['ZA', 'za']);
    expect(normalized.targets[2]!.divisions).toEqual(['WA', 'ZA']);
    expect(normalized.inspectors.map((i) => `${i.division}/${i.id}`)).toEqual(['JD/x', 'WA/y', 'ZA/Z', 'ZA/z']);
    expect(normalized.inspectors[2]!.conflicts).toEqual(['B', 'a', 'b']);
  });

  it('leaves the caller’s input untouched and drops fields §3 does not define', () => {
    const input = drawInput({ targets: [target('b', 'NORMAL', 'ZA', 'WA'), target('a', 'HIGH', 'ZA')] });
    const extra = { ...input, note: 'not part of the pool' } as DrawInput;
    const normalized = normalizeDrawInput(extra);
    expect(input.targets.map((t) => t.uscc)).toEqual(['b', 'a']);
    expect(input.targets[0]!.divisions).toEqual(['ZA', 'WA']);
    expect(Object.keys(normalized)).not.toContain('note');
  });
});

describe('digest, seed and commitment formulas', () => {
  const input = drawInput({
    task: 'T-1',
    ratioBp: 500,
    highRiskRatioBp: 2000,
    targets: [target('91440300708461136T', 'HIGH', 'ZA', 'WA')],
    inspectors: [inspector('ZA', 'ZA-0007', '91440300708461136T')],
  });
  const canonical =
    '{"algorithm":"SSJ-DRAW-1","asOf":"2026-11-28","highRiskRatioBp":2000,' +
    '"inspectors":[{"conflicts":["91440300708461136T"],"division":"ZA","id":"ZA-0007"}],' +
    '"inspectorsPerDivision":1,"minTeamSize":2,"ratioBp":500,' +
    '"targets":[{"divisions":["WA","ZA"],"stratum":"HIGH","uscc":"91440300708461136T"}],"task":"T-1"}';

  it('hashes the canonical JSON of the sorted input', () => {
    expect(poolDigestOf(input)).toBe(sha256(canonical));
  });

  it('derives the seed from secret, beacon and digest joined by newlines', () => {
    const digest = sha256(canonical);
    expect(seedOf(SECRET, BEACON, digest)).toBe(sha256(`${SECRET}\n${BEACON}\n${digest}`));
  });

  it('commits to the SHA-256 of the secret’s hex text', () => {
    expect(commitmentOf(SECRET)).toBe(sha256(SECRET));
  });

  it('makes fresh 64-character lowercase hex secrets', () => {
    const a = newSecret();
    const b = newSecret();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
  });

  it('records all of them in the draw record', () => {
    const withTeam = drawInput({
      ...input,
      inspectors: [inspector('WA', 'WA-1'), inspector('ZA', 'ZA-0007'), inspector('ZA', 'ZA-0008')],
    });
    const result = record(withTeam);
    const digest = poolDigestOf(withTeam);
    expect(result.poolDigest).toBe(digest);
    expect(result.commitment).toBe(sha256(SECRET));
    expect(result.seed).toBe(sha256(`${SECRET}\n${BEACON}\n${digest}`));
    expect(result.assignments).toHaveLength(1);
    expect(result.assignments[0]!.team.map((m) => m.division)).toEqual(['WA', 'ZA']);
  });
});

describe('a frozen vector', () => {
  /** Pins the whole draw: any change to labels, sort orders or arithmetic breaks published records. */
  it('reproduces the published record for a fixed input, secret and beacon', () => {
    const input = drawInput({
      task: 'T-FROZEN',
      ratioBp: 5000,
      highRiskRatioBp: 10000,
      targets: [
        target('91440300708461136T', 'HIGH', 'ZA', 'WA'),
        target('91440300MA5DA1B20X', 'NORMAL', 'ZA'),
        target('91440300MA5EXAMPLE', 'NORMAL', 'WA'),
        target('92440300L12345678Q', 'NORMAL', 'ZA'),
      ],
      inspectors: [
        inspector('WA', 'WA-0001'),
        inspector('WA', 'WA-0002', '91440300708461136T'),
        inspector('WA', 'WA-0003'),
        inspector('ZA', 'ZA-0001'),
        inspector('ZA', 'ZA-0002'),
        inspector('ZA', 'ZA-0003'),
      ],
    });
    const result = runDraw({
      input,
      secret: '0'.repeat(63) + '1',
      beacon: 'beacon',
      commitment: commitmentOf('0'.repeat(63) + '1'),
    });
    expect(result.poolDigest).toBe(FROZEN.poolDigest);
    expect(result.seed).toBe(FROZEN.seed);
    expect(result.assignments).toEqual(FROZEN.assignments);
  });
});

describe('runDraw', () => {
  const input = drawInput({
    targets: [target('E2', 'NORMAL', 'ZA'), target('E1', 'HIGH', 'WA', 'ZA')],
    inspectors: [inspector('ZA', 'ZA-2'), inspector('ZA', 'ZA-1'), inspector('WA', 'WA-1')],
  });

  it('stores the normalized input and sorts the excluded entities by uscc', () => {
    const result = record(input, [
      { uscc: 'X9', reason: 'DRAWN_THIS_YEAR' },
      { uscc: 'X10', reason: 'DRAWN_THIS_YEAR' },
      { uscc: 'A1', reason: 'DRAWN_THIS_YEAR' },
    ]);
    expect(result.input).toEqual(normalizeDrawInput(input));
    expect(result.excluded.map((e) => e.uscc)).toEqual(['A1', 'X10', 'X9']);
  });

  it('is deterministic', () => {
    expect(drawRecordJson(record(input))).toBe(drawRecordJson(record(normalizeDrawInput(input))));
  });

  it('publishes canonical JSON', () => {
    const json = drawRecordJson(record(input));
    expect(json).toBe(JSON.stringify(withSortedKeys(JSON.parse(json))));
    expect(JSON.parse(json)).toEqual(record(input));
  });

  it.each([
    ['empty', ''],
    ['201 characters long', 'x'.repeat(201)],
    ['201 Chinese characters long', '福'.repeat(201)],
  ])('refuses a beacon that is %s', (_, beacon) => {
    expect(() => runDraw({ input, secret: SECRET, beacon, commitment: commitmentOf(SECRET) })).toThrow(InvalidBeaconError);
  });

  it('accepts a beacon of exactly 200 characters, counting Chinese characters once each', () => {
    for (const beacon of ['x'.repeat(200), '福'.repeat(200), ' ']) {
      expect(runDraw({ input, secret: SECRET, beacon, commitment: commitmentOf(SECRET) }).beacon).toBe(beacon);
    }
  });

  it('refuses a secret that does not match the commitment', () => {
    expect(() => runDraw({ input, secret: SECRET, beacon: BEACON, commitment: sha256('other') })).toThrow(InvalidDrawInputError);
  });

  it('refuses malformed input with a sentence per problem', () => {
    const bad = { ...input, ratioBp: 10001, targets: [target('E1', 'LOW' as Stratum, 'ZA'), target('E1', 'HIGH')] };
    let failure: unknown;
    try {
      runDraw({ input: bad, secret: SECRET, beacon: BEACON, commitment: commitmentOf(SECRET) });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(InvalidDrawInputError);
    const problems = (failure as InvalidDrawInputError).problems.join('\n');
    expect(problems).toContain('input.ratioBp');
    expect(problems).toContain('input.targets[0].stratum');
    expect(problems).toContain('input.targets[1].divisions must name at least one division');
  });

  it('refuses the same inspector listed twice', () => {
    const twice = { ...input, inspectors: [...input.inspectors, inspector('ZA', 'ZA-1')] };
    expect(() => runDraw({ input: twice, secret: SECRET, beacon: BEACON, commitment: commitmentOf(SECRET) })).toThrow(/inspector ZA\/ZA-1 appears twice/);
  });
});

describe('verifyDrawRecord (§8)', () => {
  const input = drawInput({
    ratioBp: 5000,
    targets: [...usccs(6, 'NORMAL'), target('H1', 'HIGH', 'WA', 'ZA')],
    inspectors: [inspector('WA', 'WA-1'), inspector('ZA', 'ZA-1'), inspector('ZA', 'ZA-2'), inspector('ZA', 'ZA-3')],
  });
  const good = record(input, [{ uscc: 'X1', reason: 'DRAWN_THIS_YEAR' }]);
  const edited = (change: (r: DrawRecord) => void): DrawRecord => {
    const copy = structuredClone(good);
    change(copy);
    return copy;
  };

  it('accepts the record runDraw made, as an object or as its JSON text', () => {
    expect(verifyDrawRecord(good)).toEqual({ ok: true, problems: [] });
    expect(verifyDrawRecord(drawRecordJson(good))).toEqual({ ok: true, problems: [] });
    expect(verifyDrawRecord(JSON.stringify(good, null, 2))).toEqual({ ok: true, problems: [] });
  });

  it('names the first assignment that differs, with expected and found', () => {
    const result = verifyDrawRecord(
      edited((r) => {
        r.assignments[2]!.team[0]!.id = 'ZA-9';
      }),
    );
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^check 4 failed: assignment 2 differs/);
    expect(result.problems[0]).toContain('"id":"ZA-9"');
    expect(result.problems[0]).toContain(JSON.stringify(good.assignments[2]!.team[0]!.id));
  });

  it('notices a dropped or an extra assignment', () => {
    expect(verifyDrawRecord(edited((r) => r.assignments.pop())).problems[0]).toMatch(/give 4 assignments, the record has 3/);
    expect(verifyDrawRecord(edited((r) => r.assignments.push(structuredClone(r.assignments[0]!)))).problems[0]).toMatch(/give 4 assignments, the record has 5/);
  });

  it('runs the four checks in order', () => {
    const result = verifyDrawRecord(
      edited((r) => {
        r.secret = sha256('another secret');
        r.poolDigest = sha256('another pool');
      }),
    );
    expect(result.problems.map((p) => p.slice(0, 14))).toEqual(['check 1 failed', 'check 2 failed', 'check 3 failed', 'check 4 failed']);
  });

  it('notices an edited commitment, seed or beacon', () => {
    expect(verifyDrawRecord(edited((r) => (r.commitment = sha256('x')))).problems).toEqual([expect.stringMatching(/^check 1 failed/)]);
    expect(verifyDrawRecord(edited((r) => (r.seed = sha256('x')))).problems).toEqual([expect.stringMatching(/^check 3 failed/)]);
    expect(verifyDrawRecord(edited((r) => (r.beacon = `${r.beacon}!`))).ok).toBe(false);
  });

  it('notices an input that was re-sorted by hand', () => {
    const result = verifyDrawRecord(edited((r) => r.input.targets.reverse()));
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toContain('not in the §3 order');
  });

  it.each([
    ['not JSON', 'this is not json', /not valid JSON/],
    ['null', null, /must be a JSON object/],
    ['a number', 42, /must be a JSON object/],
    ['an array', '[]', /must be a JSON object/],
    ['an empty object', '{}', /has no "input" field/],
  ])('reports %s instead of throwing', (_, value, pattern) => {
    const result = verifyDrawRecord(value);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(pattern);
  });

  it('reports missing and mistyped fields', () => {
    const { seed: _seed, ...withoutSeed } = good;
    expect(verifyDrawRecord(withoutSeed).problems).toEqual(['the draw record has no "seed" field']);
    const broken = { ...good, assignments: 'none', input: { ...good.input, targets: [{ uscc: 7 }] } };
    const problems = verifyDrawRecord(broken).problems.join('\n');
    expect(problems).toContain('"assignments" must be an array');
    expect(problems).toContain('input.targets[0].uscc');
    expect(problems).toContain('input.targets[0].stratum');
  });

  it('reports a recorded input no draw could be completed on', () => {
    const unstaffed = edited((r) => {
      r.input.inspectors = r.input.inspectors.filter((i) => i.division !== 'WA');
      r.poolDigest = poolDigestOf(r.input);
      r.seed = seedOf(r.secret, r.beacon, r.poolDigest);
    });
    expect(verifyDrawRecord(unstaffed).problems).toEqual([
      'check 4 failed: sections 5 and 6 cannot complete on the recorded input: division WA runs out of eligible inspectors for entity H1',
    ]);
  });
});

/** Computed once with test/reference/ssj_draw_1.py and frozen here. */
const FROZEN: Pick<DrawRecord, 'poolDigest' | 'seed' | 'assignments'> = {
  poolDigest: '9d42171518ab4d6244b3b1036190fc82fb2fa54cb62b9dccc4c94b2830e631fb',
  seed: '76fbc546d2dd4af51658dac7423aaee0a1dee37987f3bc01f68f92433d4ad917',
  assignments: [
    {
      uscc: '91440300708461136T',
      stratum: 'HIGH',
      divisions: ['WA', 'ZA'],
      team: [
        { division: 'WA', id: 'WA-0001' },
        { division: 'ZA', id: 'ZA-0002' },
      ],
    },
    {
      uscc: '92440300L12345678Q',
      stratum: 'NORMAL',
      divisions: ['ZA'],
      team: [
        { division: 'ZA', id: 'ZA-0003' },
        { division: 'ZA', id: 'ZA-0001' },
      ],
    },
    {
      uscc: '91440300MA5DA1B20X',
      stratum: 'NORMAL',
      divisions: ['ZA'],
      team: [
        { division: 'ZA', id: 'ZA-0002' },
        { division: 'ZA', id: 'ZA-0001' },
      ],
    },
  ],
};
