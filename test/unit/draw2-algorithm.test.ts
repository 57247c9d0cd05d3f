import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { commitmentOf, NotEnoughInspectorsError, sampleSize } from '../../subgraphs/joint/src/draw/algorithm';
import {
  CLASSES_IN_DRAW_ORDER,
  publishPool,
  recordJson2,
  recordTexts2,
  runDraw2,
  type ClassRatios,
  type ClearPool,
  type CreditClass,
  type DrawExceptions,
  type FullRecord2,
  type PublicRecord2,
} from '../../subgraphs/joint/src/draw/ssj-draw-2/algorithm';
import { entryCommitment, saltOf } from '../../subgraphs/joint/src/draw/ssj-draw-2/commitments';
import { checkMembership, verifyFullRecord2, verifyPublicRecord2 } from '../../subgraphs/joint/src/draw/ssj-draw-2/verify';

const SECRET = 'a'.repeat(64);
const POOL_KEY = 'b'.repeat(64);
const hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** A USCC-shaped identifier (the algorithm does not check the check digit). */
const uscc = (n: number) => `91411000${String(n).padStart(9, '0')}X`;

function clearPool(options: {
  targets: Array<{ class: CreditClass; divisions: string[] }>;
  inspectors: Record<string, number>;
  conflicts?: Array<[string, number, number]>;
  classRatios?: ClassRatios;
  inspectorsPerDivision?: number;
}): ClearPool {
  const inspectors = Object.entries(options.inspectors).flatMap(([division, count]) =>
    Array.from({ length: count }, (_, i) => ({ division, id: `${division}-${String(i + 1).padStart(4, '0')}`, conflicts: [] as string[] })),
  );
  for (const [division, index, target] of options.conflicts ?? []) {
    inspectors.find((inspector) => inspector.id === `${division}-${String(index + 1).padStart(4, '0')}`)!.conflicts.push(uscc(target));
  }
  return {
    task: 'T2026-0042',
    asOf: '2026-12-01',
    commitment: commitmentOf(SECRET),
    beacon: { source: '福彩3D 第2026330期开奖号码', date: '2026-12-03' },
    classRatios: options.classRatios ?? { A: 0, B: 1000, C: 3000, D: 10000 },
    inspectorsPerDivision: options.inspectorsPerDivision ?? 1,
    minTeamSize: 2,
    targets: options.targets.map((target, index) => ({ uscc: uscc(index), class: target.class, divisions: target.divisions })),
    inspectors,
  };
}

function draw(clear: ClearPool, beacon = '3 7 1', exceptions?: DrawExceptions, poolKey = POOL_KEY) {
  return runDraw2({ clear, poolKey, secret: SECRET, beacon, drawnOn: '2026-12-03', exceptions });
}

const classCounts = (counts: Partial<Record<CreditClass, number>>, divisions = ['ZA']) =>
  CLASSES_IN_DRAW_ORDER.flatMap((riskClass) => Array.from({ length: counts[riskClass] ?? 0 }, () => ({ class: riskClass, divisions })));

describe('SSJ-DRAW-2 — classes, a committed pool and a record that proves without exposing', () => {
  it('samples each credit class at its own ratio, highest risk first', () => {
    fc.assert(
      fc.property(
        fc.record({ A: fc.nat(40), B: fc.nat(40), C: fc.nat(40), D: fc.nat(40) }),
        fc.tuple(fc.nat(10000), fc.nat(10000), fc.nat(10000), fc.nat(10000)).map((ratios) => ratios.sort((x, y) => x - y)),
        fc.string({ minLength: 1, maxLength: 20 }),
        (counts, [a, b, c, d], beacon) => {
          const clear = clearPool({ targets: classCounts(counts), inspectors: { ZA: 6 }, classRatios: { A: a!, B: b!, C: c!, D: d! } });
          const { publicRecord } = draw(clear, beacon);
          const drawn = publicRecord.assignments.map((assignment) => assignment.class);
          const expected = CLASSES_IN_DRAW_ORDER.flatMap((riskClass) =>
            Array.from({ length: sampleSize(counts[riskClass], publicRecord.pool.classRatios[riskClass]) }, () => riskClass),
          );
          expect(drawn).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('draws no A entity when the A ratio is 0, however many there are', () => {
    const clear = clearPool({ targets: classCounts({ A: 500, B: 20 }), inspectors: { ZA: 4 }, classRatios: { A: 0, B: 1000, C: 1000, D: 1000 } });
    const { publicRecord } = draw(clear);
    expect(publicRecord.assignments.some((assignment) => assignment.class === 'A')).toBe(false);
    expect(publicRecord.assignments).toHaveLength(2);
  });

  it('verifies its own records, public and full, and the same inputs give the same record', () => {
    const clear = clearPool({
      targets: classCounts({ B: 30, C: 10, D: 3 }, ['WA', 'ZA']),
      inspectors: { ZA: 5, WA: 4 },
      conflicts: [
        ['ZA', 0, 1],
        ['WA', 2, 40],
      ],
    });
    const first = draw(clear);
    expect(verifyPublicRecord2(first.publicRecord)).toEqual({ ok: true, problems: [] });
    expect(verifyFullRecord2(recordJson2(first.fullRecord))).toEqual({ ok: true, problems: [] });
    const shuffled = { ...clear, targets: [...clear.targets].reverse(), inspectors: [...clear.inspectors].reverse() };
    expect(recordJson2(draw(shuffled).fullRecord)).toBe(recordJson2(first.fullRecord));
    expect(draw(clear, 'another beacon').publicRecord.seed).not.toBe(first.publicRecord.seed);
  });

  it('names nobody in the public record: no USCC, no inspector id, no class of an undrawn entity', () => {
    const clear = clearPool({
      targets: classCounts({ B: 40, C: 5 }),
      inspectors: { ZA: 6 },
      conflicts: [
        ['ZA', 0, 3],
        ['ZA', 1, 44],
      ],
    });
    const { publicRecord } = draw(clear);
    const text = recordJson2(publicRecord);
    for (const target of clear.targets) expect(text).not.toContain(target.uscc);
    for (const inspector of clear.inspectors) expect(text).not.toContain(inspector.id);
    // Without the pool key, an entry cannot be tied to a USCC: the salt is not derivable from the record.
    const naive = entryCommitment(clear.task, clear.targets[3]!.uscc, '');
    expect(publicRecord.pool.targets.some((target) => target.entry === naive)).toBe(false);
  });

  it('lets an entity holding its salt confirm its own membership and selection', () => {
    const clear = clearPool({ targets: classCounts({ B: 20, D: 2 }), inspectors: { ZA: 4 } });
    const { publicRecord } = draw(clear);
    const drawnD = clear.targets[0]!.uscc; // D is drawn at 10000 bp
    const salt = saltOf(POOL_KEY, `entry:${drawnD}`);
    expect(checkMembership(publicRecord, drawnD, salt)).toMatchObject({ inPool: true, selected: true });
    expect(checkMembership(publicRecord, drawnD, 'f'.repeat(32)).inPool).toBe(false);
    expect(checkMembership(publicRecord, uscc(999), saltOf(POOL_KEY, `entry:${uscc(999)}`)).inPool).toBe(false);
  });

  it('forms teams of at least two from every division of the entity, never with a conflicted inspector, loads within one', () => {
    fc.assert(
      fc.property(
        fc.nat(40),
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 2, max: 9 }),
        fc.string({ minLength: 1, maxLength: 12 }),
        (size, za, wa, beacon) => {
          const targets = Array.from({ length: size + 1 }, (_, i) => ({ class: 'D' as const, divisions: i % 3 === 0 ? ['WA', 'ZA'] : ['ZA'] }));
          const clear = clearPool({ targets, inspectors: { ZA: za, WA: wa }, conflicts: [] });
          const { publicRecord } = draw(clear, beacon);
          const loads = new Map<string, number>();
          for (const assignment of publicRecord.assignments) {
            expect(assignment.team.length).toBeGreaterThanOrEqual(2);
            expect(new Set(assignment.team.map((seat) => seat.division))).toEqual(new Set(assignment.divisions));
            expect(new Set(assignment.team.map((seat) => seat.inspector)).size).toBe(assignment.team.length);
            for (const seat of assignment.team) loads.set(seat.inspector, (loads.get(seat.inspector) ?? 0) + 1);
          }
          for (const division of ['ZA', 'WA']) {
            const pseudonyms = publicRecord.pool.inspectors
              .filter((inspector) => inspector.division === division)
              .map((inspector) => loads.get(inspector.pseudonym) ?? 0);
            expect(Math.max(...pseudonyms) - Math.min(...pseudonyms)).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('never sends an inspector to an entity they declared a conflict with, and fails naming division and entry when nobody is left', () => {
    const clear = clearPool({
      targets: classCounts({ D: 12 }),
      inspectors: { ZA: 3 },
      conflicts: [
        ['ZA', 0, 0],
        ['ZA', 1, 0],
        ['ZA', 2, 5],
      ],
    });
    expect(() => draw(clear)).toThrow(NotEnoughInspectorsError);
    const feasible = clearPool({
      targets: classCounts({ D: 12 }),
      inspectors: { ZA: 3 },
      conflicts: [
        ['ZA', 0, 0],
        ['ZA', 2, 5],
      ],
    });
    const { publicRecord, fullRecord } = draw(feasible);
    const { openings } = publishPool(fullRecord.targets.length ? { ...feasible } : feasible, POOL_KEY);
    for (const [uscc0, opening] of openings.targets) {
      const assignment = publicRecord.assignments.find((candidate) => candidate.entry === opening.entry)!;
      for (const pseudonym of opening.conflicts) expect(assignment.team.map((seat) => seat.inspector)).not.toContain(pseudonym);
      expect(uscc0).toMatch(/^9141/);
    }
  });

  it('chooses each inspector equally often for a seat, over many seeds', () => {
    const counts = new Map<string, number>();
    const clear = clearPool({ targets: classCounts({ D: 1 }), inspectors: { ZA: 5 } });
    const runs = 2000;
    for (let run = 0; run < runs; run++) {
      const first = draw(clear, `beacon ${run}`).publicRecord.assignments[0]!.team[0]!.inspector;
      counts.set(first, (counts.get(first) ?? 0) + 1);
    }
    expect(counts.size).toBe(5);
    // Chi-square with 4 degrees of freedom: 18.47 is the 0.1 % critical value.
    const expected = runs / 5;
    const chiSquare = [...counts.values()].reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(18.47);
  });

  it('withdraws entities drawn by another task since commit and inspectors no longer eligible, keeping the class sample size', () => {
    const clear = clearPool({ targets: classCounts({ D: 4, B: 20 }), inspectors: { ZA: 4 }, classRatios: { A: 0, B: 1000, C: 1000, D: 5000 } });
    const before = draw(clear).fullRecord;
    const firstD = before.record.assignments[0]!;
    const usccOf = (entry: string) => [...publishPool(clear, POOL_KEY).openings.targets].find(([, opening]) => opening.entry === entry)![0];
    const exceptions: DrawExceptions = {
      withdrawnTargets: [{ uscc: usccOf(firstD.entry), task: 'T2026-0041', on: '2026-12-02' }],
      withdrawnInspectors: [{ division: 'ZA', id: 'ZA-0001', on: '2026-12-02' }],
      lateConflicts: [{ division: 'ZA', id: 'ZA-0002', uscc: usccOf(before.record.assignments[1]!.entry), on: '2026-12-03' }],
    };
    const after = draw(clear, '3 7 1', exceptions).fullRecord;
    expect(after.record.assignments.filter((assignment) => assignment.class === 'D')).toHaveLength(2);
    expect(after.record.assignments.map((assignment) => assignment.entry)).not.toContain(firstD.entry);
    const withdrawnPseudonym = publishPool(clear, POOL_KEY).openings.inspectors.get('ZA/ZA-0001')!.pseudonym;
    expect(after.record.assignments.flatMap((assignment) => assignment.team.map((seat) => seat.inspector))).not.toContain(withdrawnPseudonym);
    expect(verifyPublicRecord2(after.record).ok).toBe(true);
    expect(verifyFullRecord2(after).ok).toBe(true);
    expect(after.withdrawn.targets).toEqual([{ uscc: usccOf(firstD.entry), reason: 'DRAWN_BY_ANOTHER_TASK', task: 'T2026-0041', on: '2026-12-02' }]);
  });

  it('draws the same records from the pool published at commit as from the clear pool alone', () => {
    fc.assert(
      fc.property(fc.nat(30), fc.nat(30), fc.array(fc.tuple(fc.nat(5), fc.nat(40)), { maxLength: 8 }), fc.nat(3), (b, d, conflicts, late) => {
        const clear = clearPool({
          targets: classCounts({ B: b + 1, D: d }, ['WA', 'ZA']),
          inspectors: { ZA: 6, WA: 6 },
          conflicts: conflicts.map(([index, target]) => ['ZA', index, target % (b + d + 1)] as [string, number, number]),
          classRatios: { A: 0, B: 3000, C: 5000, D: 10000 },
        });
        const { pool, openings } = publishPool(clear, POOL_KEY);
        const text = recordJson2(pool as never);
        const published = {
          pool: JSON.parse(text),
          digest: hex(text),
          entries: new Map([...openings.targets].map(([key, opening]) => [key, opening.entry])),
          pseudonyms: new Map([...openings.inspectors].map(([key, opening]) => [key, opening.pseudonym])),
        };
        const exceptions: DrawExceptions = {
          withdrawnTargets: [{ uscc: uscc(0), task: 'T2026-0041', on: '2026-12-02' }],
          withdrawnInspectors: [{ division: 'WA', id: 'WA-0001', on: '2026-12-02' }],
          lateConflicts: [{ division: 'ZA', id: `ZA-000${late + 1}`, uscc: uscc(1 % (b + d + 1)), on: '2026-12-03' }],
        };
        const args = { clear, poolKey: POOL_KEY, secret: SECRET, beacon: '3 7 1', drawnOn: '2026-12-03', exceptions };
        const recomputed = runDraw2(args);
        const fromPublished = runDraw2({ ...args, published });
        expect(recordJson2(fromPublished.fullRecord)).toBe(recordJson2(recomputed.fullRecord));
        // The texts stored at the draw, with the pool's committed text spliced in, are the records' canonical JSON.
        expect(recordTexts2(fromPublished.fullRecord, text)).toEqual({
          publicJson: recordJson2(recomputed.publicRecord),
          fullJson: recordJson2(recomputed.fullRecord),
        });
      }),
      { numRuns: 60 },
    );
  });

  describe('a tampered record is refused, naming the check', () => {
    const clear = clearPool({ targets: classCounts({ B: 30, C: 6, D: 2 }, ['WA', 'ZA']), inspectors: { ZA: 5, WA: 5 }, conflicts: [['ZA', 0, 0]] });
    const { publicRecord, fullRecord } = draw(clear);
    const edit = (change: (record: PublicRecord2) => void): PublicRecord2 => {
      const copy = JSON.parse(JSON.stringify(publicRecord)) as PublicRecord2;
      change(copy);
      return copy;
    };
    it.each<[string, (record: PublicRecord2) => void, string]>([
      ['secret', (record) => (record.secret = 'c'.repeat(64)), 'check 1'],
      ['a class in the pool', (record) => (record.pool.targets[0]!.class = record.pool.targets[0]!.class === 'B' ? 'C' : 'B'), 'check 2'],
      ['the beacon', (record) => (record.beacon = 'other'), 'check 3'],
      ['the draw date', (record) => (record.drawnOn = '2026-12-02'), 'check 4'],
      ['a withdrawn entry', (record) => record.withdrawn.entries.push({ entry: hex('x'), reason: 'DRAWN_BY_ANOTHER_TASK' }), 'check 5'],
      ['an opening', (record) => record.openings.pop(), 'check 7'],
      ['a hidden conflict', (record) => (record.openings.find((opening) => opening.conflicts.length > 0)!.conflicts = []), 'check 8'],
      ['a team member', (record) => record.assignments[0]!.team.reverse(), 'check 9'],
      ['an assignment', (record) => record.assignments.pop(), 'check 6'],
      ['a repeated key', (record) => Object.assign(record, { seedCopy: record.seed }), 'check 0'],
    ])('%s', (_what, change, check) => {
      const verdict = verifyPublicRecord2(edit(change));
      expect(verdict.ok).toBe(false);
      expect(verdict.problems.join('\n')).toContain(check);
    });

    it('a full record whose clear pool does not give the public one', () => {
      const copy = JSON.parse(JSON.stringify(fullRecord)) as FullRecord2;
      copy.targets[0]!.class = copy.targets[0]!.class === 'B' ? 'C' : 'B';
      expect(verifyFullRecord2(copy).problems.join('\n')).toContain('check 10');
      expect(verifyFullRecord2({ ...fullRecord, poolKey: 'c'.repeat(64) }).problems.join('\n')).toContain('check 10');
    });
  });
});
