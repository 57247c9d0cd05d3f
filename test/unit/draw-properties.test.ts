import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  DRAW_ALGORITHM,
  MIN_TEAM_SIZE,
  NotEnoughInspectorsError,
  commitmentOf,
  drawRecordJson,
  rank,
  runDraw,
  sampleSize,
  teamNeeds,
  verifyDrawRecord,
  type DrawInput,
  type DrawRecord,
  type Stratum,
} from '../../subgraphs/joint/src/draw/algorithm';

const DIVISIONS = ['CRJ', 'JD', 'JJ', 'WA', 'ZA'] as const;

type Draw = { input: DrawInput; secret: string; beacon: string };

const hex32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString('hex'));

/**
 * A random task: some divisions, each with 0–8 inspectors (rarely fewer than two), up to 14 entities belonging to
 * some of those divisions, and (optionally) declared conflicts between them.
 */
function drawArbitrary(options: { conflicts: boolean }): fc.Arbitrary<Draw> {
  return fc
    .record({
      divisions: fc.subarray([...DIVISIONS], { minLength: 1 }),
      inspectorCounts: fc.array(fc.oneof({ arbitrary: fc.integer({ min: 2, max: 8 }), weight: 9 }, { arbitrary: fc.integer({ min: 0, max: 1 }), weight: 1 }), {
        minLength: 5,
        maxLength: 5,
      }),
      targets: fc.uniqueArray(
        fc.record({
          number: fc.integer({ min: 0, max: 99_999 }),
          stratum: fc.constantFrom<Stratum>('HIGH', 'NORMAL'),
          divisionMask: fc.integer({ min: 1, max: 31 }),
        }),
        { maxLength: 14, selector: (t) => t.number },
      ),
      conflictPairs: options.conflicts ? fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 20 }) : fc.constant([] as Array<[number, number]>),
      ratioBp: fc.oneof(fc.integer({ min: 0, max: 10000 }), fc.constantFrom(0, 1, 5000, 10000)),
      highRiskRatioBp: fc.oneof(fc.integer({ min: 0, max: 10000 }), fc.constantFrom(0, 10000)),
      inspectorsPerDivision: fc.integer({ min: 1, max: 2 }),
      secret: hex32,
      beacon: fc.string({ minLength: 1, maxLength: 40 }),
    })
    .map((recipe) => {
      const divisions = recipe.divisions;
      const inspectors = divisions.flatMap((division, d) =>
        Array.from({ length: recipe.inspectorCounts[d]! }, (_, n) => ({
          division,
          id: `${division}-${String(n + 1).padStart(4, '0')}`,
          conflicts: [] as string[],
        })),
      );
      const targets = recipe.targets.map((t) => {
        const chosen = divisions.filter((_, d) => (t.divisionMask >> d) & 1);
        return {
          uscc: `9144030${String(t.number).padStart(5, '0')}MA5X${t.number % 10}`,
          stratum: t.stratum,
          divisions: chosen.length > 0 ? chosen : [divisions[t.number % divisions.length]!],
        };
      });
      for (const [i, t] of recipe.conflictPairs) {
        if (inspectors.length === 0 || targets.length === 0) break;
        const who = inspectors[i % inspectors.length]!;
        const uscc = targets[t % targets.length]!.uscc;
        if (!who.conflicts.includes(uscc)) who.conflicts.push(uscc);
      }
      const input: DrawInput = {
        algorithm: DRAW_ALGORITHM,
        task: 'T-PROP',
        asOf: '2026-11-28',
        ratioBp: recipe.ratioBp,
        highRiskRatioBp: recipe.highRiskRatioBp,
        inspectorsPerDivision: recipe.inspectorsPerDivision,
        minTeamSize: MIN_TEAM_SIZE,
        targets,
        inspectors,
      };
      return { input, secret: recipe.secret, beacon: recipe.beacon };
    });
}

/** The record, or the typed failure: a draw that cannot be staffed is a legitimate outcome. */
function attempt({ input, secret, beacon }: Draw): DrawRecord | NotEnoughInspectorsError {
  try {
    return runDraw({ input, secret, beacon, commitment: commitmentOf(secret) });
  } catch (error) {
    if (error instanceof NotEnoughInspectorsError) return error;
    throw error;
  }
}

const withConflicts = drawArbitrary({ conflicts: true });
const withoutConflicts = drawArbitrary({ conflicts: false });
const RUNS = { numRuns: 300 };

const conflictsOf = (input: DrawInput, division: string, id: string): string[] =>
  input.inspectors.find((i) => i.division === division && i.id === id)!.conflicts;

describe('draw properties over random pools', () => {
  it('samples each stratum at its ratio, HIGH first', () => {
    fc.assert(
      fc.property(withConflicts, (draw) => {
        const result = attempt(draw);
        if (result instanceof NotEnoughInspectorsError) return;
        const count = (s: Stratum) => draw.input.targets.filter((t) => t.stratum === s).length;
        const high = sampleSize(count('HIGH'), draw.input.highRiskRatioBp);
        const normal = sampleSize(count('NORMAL'), draw.input.ratioBp);
        expect(result.assignments.map((a) => a.stratum)).toEqual([...Array<Stratum>(high).fill('HIGH'), ...Array<Stratum>(normal).fill('NORMAL')]);
      }),
      RUNS,
    );
  });

  it('gives every team at least two inspectors, from every division of its entity, none twice', () => {
    fc.assert(
      fc.property(withConflicts, (draw) => {
        const result = attempt(draw);
        if (result instanceof NotEnoughInspectorsError) return;
        for (const assignment of result.assignments) {
          expect(assignment.team.length).toBeGreaterThanOrEqual(MIN_TEAM_SIZE);
          const sent = new Set(assignment.team.map((m) => m.division));
          expect([...sent].sort()).toEqual([...assignment.divisions].sort());
          const members = assignment.team.map((m) => `${m.division}/${m.id}`);
          expect(new Set(members).size).toBe(members.length);
          for (const member of assignment.team) {
            expect(draw.input.inspectors.some((i) => i.division === member.division && i.id === member.id)).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('never sends an inspector to an entity they declared a conflict with', () => {
    fc.assert(
      fc.property(withConflicts, (draw) => {
        const result = attempt(draw);
        if (result instanceof NotEnoughInspectorsError) return;
        for (const assignment of result.assignments) {
          for (const member of assignment.team) {
            expect(conflictsOf(draw.input, member.division, member.id)).not.toContain(assignment.uscc);
          }
        }
      }),
      RUNS,
    );
  });

  it('fails only when a division truly has fewer eligible inspectors than the team needs', () => {
    fc.assert(
      fc.property(withConflicts, (draw) => {
        const result = attempt(draw);
        if (!(result instanceof NotEnoughInspectorsError)) return;
        const target = draw.input.targets.find((t) => t.uscc === result.uscc)!;
        expect(target.divisions).toContain(result.division);
        const need = teamNeeds(target.divisions, draw.input.inspectorsPerDivision, draw.input.minTeamSize).find((n) => n.division === result.division)!.need;
        const eligible = draw.input.inspectors.filter((i) => i.division === result.division && !i.conflicts.includes(result.uscc));
        expect(eligible.length).toBeLessThan(need);
      }),
      RUNS,
    );
  });

  it('keeps loads within a division at most one apart when nobody declared a conflict', () => {
    fc.assert(
      fc.property(withoutConflicts, (draw) => {
        const result = attempt(draw);
        if (result instanceof NotEnoughInspectorsError) return;
        for (const division of new Set(draw.input.inspectors.map((i) => i.division))) {
          const loads = draw.input.inspectors
            .filter((i) => i.division === division)
            .map((i) => result.assignments.flatMap((a) => a.team).filter((m) => m.division === division && m.id === i.id).length);
          expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
        }
      }),
      RUNS,
    );
  });

  it('with conflicts, chooses each inspector among the least-loaded eligible ones, lowest rank first', () => {
    fc.assert(
      fc.property(withConflicts, (draw) => {
        const result = attempt(draw);
        if (result instanceof NotEnoughInspectorsError) return;
        const load = new Map(draw.input.inspectors.map((i) => [`${i.division}/${i.id}`, 0]));
        for (const assignment of result.assignments) {
          const onTeam = new Set<string>();
          for (const member of assignment.team) {
            const eligible = draw.input.inspectors.filter(
              (i) => i.division === member.division && !onTeam.has(`${i.division}/${i.id}`) && !i.conflicts.includes(assignment.uscc),
            );
            const key = `${member.division}/${member.id}`;
            const least = Math.min(...eligible.map((i) => load.get(`${i.division}/${i.id}`)!));
            expect(load.get(key)).toBe(least);
            const label = (id: string) => `team:${assignment.uscc}:${member.division}:${id}`;
            for (const rival of eligible.filter((i) => load.get(`${i.division}/${i.id}`) === least)) {
              expect(Buffer.compare(rank(result.seed, label(member.id)), rank(result.seed, label(rival.id)))).toBeLessThanOrEqual(0);
            }
            onTeam.add(key);
            load.set(key, load.get(key)! + 1);
          }
        }
      }),
      RUNS,
    );
  });

  it('gives the same record for the same input, in any input order', () => {
    fc.assert(
      fc.property(withConflicts, (draw) => {
        const shuffled: Draw = {
          ...draw,
          input: {
            ...draw.input,
            targets: [...draw.input.targets].reverse().map((t) => ({ ...t, divisions: [...t.divisions].reverse() })),
            inspectors: [...draw.input.inspectors].reverse(),
          },
        };
        const a = attempt(draw);
        const b = attempt(shuffled);
        if (a instanceof NotEnoughInspectorsError) {
          expect(b).toBeInstanceOf(NotEnoughInspectorsError);
          expect([(b as NotEnoughInspectorsError).division, (b as NotEnoughInspectorsError).uscc]).toEqual([a.division, a.uscc]);
          return;
        }
        expect(drawRecordJson(b as DrawRecord)).toBe(drawRecordJson(a));
      }),
      RUNS,
    );
  });

  it('produces records that verify', () => {
    const outcomes = { failed: 0, empty: 0, drawn: 0 };
    fc.assert(
      fc.property(withConflicts, (draw) => {
        const result = attempt(draw);
        if (result instanceof NotEnoughInspectorsError) {
          outcomes.failed += 1;
          return;
        }
        outcomes[result.assignments.length === 0 ? 'empty' : 'drawn'] += 1;
        expect(verifyDrawRecord(drawRecordJson(result))).toEqual({ ok: true, problems: [] });
      }),
      RUNS,
    );
    // The generator must exercise real draws and real failures, not mostly trivial pools.
    expect(outcomes.drawn).toBeGreaterThan(RUNS.numRuns / 4);
    expect(outcomes.failed).toBeGreaterThan(RUNS.numRuns / 20);
  });
});

/** One field of a record, changed the way someone tampering with a published record might. */
const tamperings: Record<string, (record: DrawRecord, pick: number) => boolean> = {
  secret: (r, pick) => {
    r.secret = createHash('sha256').update(`${r.secret}${pick}`).digest('hex');
    return true;
  },
  beacon: (r, pick) => {
    r.beacon = pick % 2 === 0 ? `${r.beacon}0` : r.beacon.length > 1 ? r.beacon.slice(1) : `${r.beacon}${r.beacon}`;
    return true;
  },
  'a team member': (r, pick) => {
    const assignment = r.assignments[pick % Math.max(1, r.assignments.length)];
    if (!assignment) return false;
    const member = assignment.team[pick % assignment.team.length]!;
    member.id = `${member.id}X`;
    return true;
  },
  poolDigest: (r, pick) => {
    const digit = r.poolDigest[pick % 64]!;
    r.poolDigest = `${r.poolDigest.slice(0, pick % 64)}${digit === '0' ? '1' : '0'}${r.poolDigest.slice((pick % 64) + 1)}`;
    return true;
  },
  "an input target's stratum": (r, pick) => {
    const target = r.input.targets[pick % Math.max(1, r.input.targets.length)];
    if (!target) return false;
    target.stratum = target.stratum === 'HIGH' ? 'NORMAL' : 'HIGH';
    return true;
  },
};

describe('tampering with a record', () => {
  it.each(Object.keys(tamperings))('is detected when %s changes', (field) => {
    let tampered = 0;
    fc.assert(
      fc.property(withConflicts, fc.nat(), (draw, pick) => {
        const result = attempt(draw);
        if (result instanceof NotEnoughInspectorsError) return;
        const copy = structuredClone(result);
        if (!tamperings[field]!(copy, pick)) return;
        tampered += 1;
        const verification = verifyDrawRecord(drawRecordJson(copy));
        expect(verification.ok).toBe(false);
        expect(verification.problems.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
    expect(tampered).toBeGreaterThan(RUNS.numRuns / 10);
  });
});
