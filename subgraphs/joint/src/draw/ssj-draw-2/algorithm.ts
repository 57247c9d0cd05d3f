/**
 * SSJ-DRAW-2 — the verifiable joint draw with credit-risk classes, a pool fixed and published at
 * commit, and a public record that proves the draw without naming who was in the pool, which
 * class an undrawn entity has, or who declared a conflict with whom. docs/draw-algorithm.md is
 * the specification; the § numbers below are its sections. Pure functions of their arguments:
 * the draw runs on the public form of the pool (entry commitments, inspector pseudonyms), so
 * the public verifier and the office compute exactly the same thing.
 */
import { randomUUID } from 'node:crypto';
import { canonicalJson, type CanonicalValue } from '../../../../../common/canonical-json';
import { compareBytes, commitmentOf, MIN_TEAM_SIZE, NotEnoughInspectorsError, ranker, sampleSize, seedOf, teamNeeds } from '../algorithm';
import {
  ALGORITHM_2,
  conflictSaltLabel,
  conflictsCommitment,
  entryCommitment,
  entrySaltLabel,
  inspectorPseudonym,
  inspectorSaltLabel,
  salter,
} from './commitments';
import { sha256Hex } from '../../../../../common/digest';

export { ALGORITHM_2, MIN_TEAM_SIZE };

/** 企业信用风险分类 — A low, B general, C higher, D high. */
export type CreditClass = 'A' | 'B' | 'C' | 'D';

/** §6 — classes are drawn highest risk first; the assignment order follows. */
export const CLASSES_IN_DRAW_ORDER: readonly CreditClass[] = ['D', 'C', 'B', 'A'];

/** 抽查比例 per class, in basis points (500 = 5 %); 0 ≤ A ≤ B ≤ C ≤ D ≤ 10000. */
export type ClassRatios = { A: number; B: number; C: number; D: number };

/** §1 — the future public value the seed will use, named at commit. */
export type BeaconDeclaration = {
  /** What the value is, e.g. "福彩3D 第2026321期开奖号码". */
  source: string;
  /** The day it becomes public (YYYY-MM-DD, Asia/Shanghai); no draw before it. */
  date: string;
};

// ---------------------------------------------------------------------------------------------
// §2 The pool, in the clear (what the office knows; the full record carries it)
// ---------------------------------------------------------------------------------------------

export type PoolTarget = {
  uscc: string;
  class: CreditClass;
  /** Divisions in whose directory the entity qualified, sorted. */
  divisions: string[];
};

export type PoolInspector = {
  division: string;
  id: string;
  /** USCCs of pool targets this inspector declared a conflict with (回避), sorted. */
  conflicts: string[];
};

/** Everything fixed at commit, in the clear. */
export type ClearPool = {
  task: string;
  asOf: string;
  commitment: string;
  beacon: BeaconDeclaration;
  classRatios: ClassRatios;
  inspectorsPerDivision: number;
  minTeamSize: number;
  targets: PoolTarget[];
  inspectors: PoolInspector[];
};

// ---------------------------------------------------------------------------------------------
// §3 The public pool (published at commit; its digest binds the draw)
// ---------------------------------------------------------------------------------------------

export type PublicTarget = {
  entry: string;
  class: CreditClass;
  divisions: string[];
  /** Commitment to the pseudonyms of the pool inspectors who declared a conflict with this entity. */
  conflicts: string;
};

export type PublicInspector = {
  division: string;
  pseudonym: string;
};

export type PublicPool = {
  algorithm: typeof ALGORITHM_2;
  task: string;
  asOf: string;
  commitment: string;
  beacon: BeaconDeclaration;
  classRatios: ClassRatios;
  inspectorsPerDivision: number;
  minTeamSize: number;
  targets: PublicTarget[];
  inspectors: PublicInspector[];
};

/** What the office keeps beside the public pool to open it: per entity and per inspector. */
export type PoolOpenings = {
  /** By USCC. */
  targets: Map<string, { entry: string; salt: string; conflictSalt: string; conflicts: string[] }>;
  /** By `division/id`. */
  inspectors: Map<string, { pseudonym: string; salt: string }>;
};

const inspectorKey = (division: string, id: string) => `${division}/${id}`;

function byBytes(a: string, b: string): number {
  return compareBytes(a, b);
}

/** §3 — per USCC, the pseudonyms of the pool inspectors who declared a conflict with it, sorted. */
function conflictPseudonyms(inspectors: readonly PoolInspector[], pseudonymOf: (key: string) => string | undefined): Map<string, string[]> {
  const conflicted = new Map<string, string[]>();
  for (const inspector of inspectors) {
    const key = inspectorKey(inspector.division, inspector.id);
    const pseudonym = pseudonymOf(key);
    if (!pseudonym) throw new Error(`inspector ${key} has no pseudonym in the pool`);
    for (const uscc of inspector.conflicts) {
      const list = conflicted.get(uscc);
      if (list) list.push(pseudonym);
      else conflicted.set(uscc, [pseudonym]);
    }
  }
  for (const list of conflicted.values()) list.sort(byBytes);
  return conflicted;
}

/** §3 — the public pool from the clear one and the task's pool key, with what it takes to open it. */
export function publishPool(clear: ClearPool, poolKey: string): { pool: PublicPool; openings: PoolOpenings } {
  const salt = salter(poolKey);
  const inspectors: PublicInspector[] = [];
  const openings: PoolOpenings = { targets: new Map(), inspectors: new Map() };
  for (const inspector of clear.inspectors) {
    const inspectorSalt = salt(inspectorSaltLabel(inspector.division, inspector.id));
    const pseudonym = inspectorPseudonym(clear.task, inspector.division, inspector.id, inspectorSalt);
    inspectors.push({ division: inspector.division, pseudonym });
    openings.inspectors.set(inspectorKey(inspector.division, inspector.id), { pseudonym, salt: inspectorSalt });
  }
  const conflicted = conflictPseudonyms(clear.inspectors, (key) => openings.inspectors.get(key)?.pseudonym);
  const targets: PublicTarget[] = clear.targets.map((target) => {
    const entrySalt = salt(entrySaltLabel(target.uscc));
    const conflictSalt = salt(conflictSaltLabel(target.uscc));
    const entry = entryCommitment(clear.task, target.uscc, entrySalt);
    const conflicts = conflicted.get(target.uscc) ?? [];
    openings.targets.set(target.uscc, { entry, salt: entrySalt, conflictSalt, conflicts });
    return { entry, class: target.class, divisions: [...target.divisions].sort(byBytes), conflicts: conflictsCommitment(entry, conflictSalt, conflicts) };
  });
  targets.sort((a, b) => byBytes(a.entry, b.entry));
  inspectors.sort((a, b) => byBytes(a.division, b.division) || byBytes(a.pseudonym, b.pseudonym));
  return {
    pool: {
      algorithm: ALGORITHM_2,
      task: clear.task,
      asOf: clear.asOf,
      commitment: clear.commitment,
      beacon: { source: clear.beacon.source, date: clear.beacon.date },
      classRatios: { A: clear.classRatios.A, B: clear.classRatios.B, C: clear.classRatios.C, D: clear.classRatios.D },
      inspectorsPerDivision: clear.inspectorsPerDivision,
      minTeamSize: clear.minTeamSize,
      targets,
      inspectors,
    },
    openings,
  };
}

/** §3 — the canonical JSON of a public pool. */
export function canonicalPool(pool: PublicPool): string {
  return canonicalJson(pool as unknown as CanonicalValue);
}

/** §3 — published at commit; one entity, class, inspector or conflict more or less changes it. */
export function poolDigest2(pool: PublicPool): string {
  return sha256Hex(canonicalPool(pool));
}

// ---------------------------------------------------------------------------------------------
// §5 Targets
// ---------------------------------------------------------------------------------------------

export function ratioOf(ratios: ClassRatios, riskClass: CreditClass): number {
  return ratios[riskClass];
}

/**
 * §5 — per class, highest risk first: `n = min(|P|, ceil(|P| × bp / 10000))` of the committed
 * class, taken as the n lowest `rank("target:" + entry)` among its entries not withdrawn (§7),
 * in ascending rank.
 */
export function selectTargets2(pool: PublicPool, seedHex: string, withdrawn: ReadonlySet<string> = new Set()): PublicTarget[] {
  const rankOf = ranker(seedHex);
  return CLASSES_IN_DRAW_ORDER.flatMap((riskClass) => {
    const members = pool.targets.filter((target) => target.class === riskClass);
    const n = sampleSize(members.length, ratioOf(pool.classRatios, riskClass));
    if (n === 0) return [];
    return members
      .filter((target) => !withdrawn.has(target.entry))
      .map((target) => ({ target, rank: rankOf(`target:${target.entry}`) }))
      .sort((a, b) => Buffer.compare(a.rank, b.rank) || byBytes(a.target.entry, b.target.entry))
      .slice(0, n)
      .map(({ target }) => target);
  });
}

// ---------------------------------------------------------------------------------------------
// §6 Teams
// ---------------------------------------------------------------------------------------------

export type TeamSeat = { division: string; inspector: string };

export type Assignment2 = {
  entry: string;
  class: CreditClass;
  divisions: string[];
  team: TeamSeat[];
};

type Ranked = { pseudonym: string; key: Buffer };

/** Lower rank first; equal ranks (never seen for distinct labels of HMAC-SHA256) by pseudonym bytes. */
function byRank(a: Ranked, b: Ranked): number {
  return Buffer.compare(a.key, b.key) || byBytes(a.pseudonym, b.pseudonym);
}

/** A division's inspectors at one load, lowest rank first: a binary min-heap on the rank at that load. */
class LoadLevel {
  private readonly heap: Ranked[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(item: Ranked): void {
    const heap = this.heap;
    heap.push(item);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (byRank(heap[parent]!, item) <= 0) break;
      heap[index] = heap[parent]!;
      index = parent;
    }
    heap[index] = item;
  }

  pop(): Ranked | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      let index = 0;
      for (;;) {
        const left = 2 * index + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child = right < heap.length && byRank(heap[right]!, heap[left]!) < 0 ? right : left;
        if (byRank(heap[child]!, last) >= 0) break;
        heap[index] = heap[child]!;
        index = child;
      }
      heap[index] = last;
    }
    return top;
  }
}

/**
 * §6 — the team of every selected target, in assignment order. Each seat of division d goes to
 * the inspector who, among d's inspectors still in the draw, not yet on this team and without a
 * conflict with the entity, has the smallest load so far; among those, the lowest
 * `rank("team:" + d + ":" + load + ":" + pseudonym)`. The rank depends on the load, not on the
 * entity, so each inspector is ranked once per load they reach: the draw costs one HMAC per
 * seat, and heaps per load find the winner without looking at the others.
 */
export function drawTeams2(
  pool: PublicPool,
  selected: readonly PublicTarget[],
  seedHex: string,
  withdrawnInspectors: ReadonlySet<string>,
  conflictsOf: (entry: string) => ReadonlySet<string>,
): Assignment2[] {
  const rankOf = ranker(seedHex);
  const keyAt = (division: string, load: number, pseudonym: string) => rankOf(`team:${division}:${load}:${pseudonym}`);
  const levels = new Map<string, LoadLevel[]>();
  for (const inspector of pool.inspectors) {
    if (withdrawnInspectors.has(inspector.pseudonym)) continue;
    let division = levels.get(inspector.division);
    if (!division) levels.set(inspector.division, (division = [new LoadLevel()]));
    division[0]!.push({ pseudonym: inspector.pseudonym, key: keyAt(inspector.division, 0, inspector.pseudonym) });
  }
  return selected.map((target) => {
    const conflicts = conflictsOf(target.entry);
    const team: TeamSeat[] = [];
    const onTeam = new Set<string>();
    for (const { division, need } of teamNeeds(target.divisions, pool.inspectorsPerDivision, pool.minTeamSize)) {
      const byLoad = levels.get(division) ?? [];
      for (let seat = 0; seat < need; seat++) {
        let chosen: Ranked | undefined;
        let chosenLoad = -1;
        for (let load = 0; load < byLoad.length && !chosen; load++) {
          const level = byLoad[load]!;
          const passed: Ranked[] = [];
          while (level.size > 0) {
            const candidate = level.pop()!;
            if (onTeam.has(candidate.pseudonym) || conflicts.has(candidate.pseudonym)) {
              passed.push(candidate);
              continue;
            }
            chosen = candidate;
            chosenLoad = load;
            break;
          }
          for (const candidate of passed) level.push(candidate);
        }
        if (!chosen) throw new NotEnoughInspectorsError(division, target.entry);
        const next = chosenLoad + 1;
        if (byLoad.length === next) byLoad.push(new LoadLevel());
        byLoad[next]!.push({ pseudonym: chosen.pseudonym, key: keyAt(division, next, chosen.pseudonym) });
        onTeam.add(chosen.pseudonym);
        team.push({ division, inspector: chosen.pseudonym });
      }
    }
    return { entry: target.entry, class: target.class, divisions: [...target.divisions], team };
  });
}

// ---------------------------------------------------------------------------------------------
// §7 Exceptions between commit and draw, §8 the records
// ---------------------------------------------------------------------------------------------

export const WITHDRAWN_ENTRY_REASON = 'DRAWN_BY_ANOTHER_TASK';
export const WITHDRAWN_INSPECTOR_REASON = 'NO_LONGER_ELIGIBLE';

/** §7 — what changed in the directories since commit, in the clear, each with its date (the full record keeps it). */
export type DrawExceptions = {
  /** Pool entities another task of the year drew after this one was committed: that task and its draw date. */
  withdrawnTargets: Array<{ uscc: string; task: string; on: string }>;
  /** Pool inspectors no longer active, certified through the period, or holding the expertise, since `on`. */
  withdrawnInspectors: Array<{ division: string; id: string; on: string }>;
  /** Conflicts declared on `on`, after commit, between a pool inspector and a pool entity. */
  lateConflicts: Array<{ division: string; id: string; uscc: string; on: string }>;
};

export const NO_EXCEPTIONS: DrawExceptions = { withdrawnTargets: [], withdrawnInspectors: [], lateConflicts: [] };

/** §8.1 — the record anyone may check once the results are published. */
export type PublicRecord2 = {
  algorithm: typeof ALGORITHM_2;
  pool: PublicPool;
  poolDigest: string;
  secret: string;
  beacon: string;
  drawnOn: string;
  seed: string;
  withdrawn: { entries: Array<{ entry: string; reason: string }>; inspectors: Array<{ pseudonym: string; reason: string }> };
  /** For each selected entry: the conflict commitment opened, and conflicts declared after commit. */
  openings: Array<{ entry: string; salt: string; conflicts: string[]; late: string[] }>;
  assignments: Assignment2[];
};

/** §8.2 — the complete record, for supervisors: the public one and everything needed to open it. */
export type FullRecord2 = {
  algorithm: typeof ALGORITHM_2;
  record: PublicRecord2;
  poolKey: string;
  targets: PoolTarget[];
  inspectors: PoolInspector[];
  /** Left out at commit: drawn this year by another task (rule 3), with that task. */
  excluded: Array<{ uscc: string; reason: string; task: string }>;
  withdrawn: {
    targets: Array<{ uscc: string; reason: string; task: string; on: string }>;
    inspectors: Array<{ division: string; id: string; reason: string; on: string }>;
  };
  lateConflicts: Array<{ division: string; id: string; uscc: string; on: string }>;
};

export type RunDraw2Args = {
  clear: ClearPool;
  poolKey: string;
  secret: string;
  beacon: string;
  drawnOn: string;
  exceptions?: DrawExceptions;
  excluded?: ReadonlyArray<{ uscc: string; reason: string; task: string }>;
  /**
   * The public pool as published at commit, with each entity's entry and each inspector's
   * pseudonym. With it the draw opens only what it reveals (the selected entries' conflict
   * salts) instead of recomputing every commitment of the pool; the caller has checked that
   * the text gives the committed digest, and the records are the same either way.
   */
  published?: PublishedPool;
};

export type PublishedPool = {
  pool: PublicPool;
  digest: string;
  /** Entry by USCC. */
  entries: ReadonlyMap<string, string>;
  /** Pseudonym by `division/id`. */
  pseudonyms: ReadonlyMap<string, string>;
};

/** What the draw needs of a pool's openings: each entity's entry and committed conflicts, each inspector's pseudonym, a selected entry's conflict salt. */
type PoolOpener = {
  entryOf(uscc: string): string | undefined;
  conflictsOf(uscc: string): readonly string[];
  pseudonymOf(division: string, id: string): string | undefined;
  conflictSaltOf(uscc: string): string;
};

function openerOf(openings: PoolOpenings): PoolOpener {
  return {
    entryOf: (uscc) => openings.targets.get(uscc)?.entry,
    conflictsOf: (uscc) => openings.targets.get(uscc)?.conflicts ?? [],
    pseudonymOf: (division, id) => openings.inspectors.get(inspectorKey(division, id))?.pseudonym,
    conflictSaltOf: (uscc) => openings.targets.get(uscc)!.conflictSalt,
  };
}

/** §3 — the openings of a published pool from its clear form, computing salts only when asked. */
function publishedOpener(clear: ClearPool, poolKey: string, published: PublishedPool): PoolOpener {
  const salt = salter(poolKey);
  const conflicted = conflictPseudonyms(clear.inspectors, (key) => published.pseudonyms.get(key));
  return {
    entryOf: (uscc) => published.entries.get(uscc),
    conflictsOf: (uscc) => conflicted.get(uscc) ?? [],
    pseudonymOf: (division, id) => published.pseudonyms.get(inspectorKey(division, id)),
    conflictSaltOf: (uscc) => salt(conflictSaltLabel(uscc)),
  };
}

/** §2 — the clear pool in its one order: targets by USCC, inspectors by division then id, lists sorted. */
export function normalizeClearPool(clear: ClearPool): ClearPool {
  return {
    task: clear.task,
    asOf: clear.asOf,
    commitment: clear.commitment,
    beacon: { source: clear.beacon.source, date: clear.beacon.date },
    classRatios: { A: clear.classRatios.A, B: clear.classRatios.B, C: clear.classRatios.C, D: clear.classRatios.D },
    inspectorsPerDivision: clear.inspectorsPerDivision,
    minTeamSize: clear.minTeamSize,
    targets: clear.targets
      .map((target) => ({ uscc: target.uscc, class: target.class, divisions: [...target.divisions].sort(byBytes) }))
      .sort((a, b) => byBytes(a.uscc, b.uscc)),
    inspectors: clear.inspectors
      .map((inspector) => ({ division: inspector.division, id: inspector.id, conflicts: [...inspector.conflicts].sort(byBytes) }))
      .sort((a, b) => byBytes(a.division, b.division) || byBytes(a.id, b.id)),
  };
}

/**
 * The draw (§4–§8): the seed from the committed secret, the beacon and the pool digest; the
 * selection and teams on the public pool with the exceptions applied; both records. Throws
 * NotEnoughInspectorsError (naming the division and the entry) when a team cannot be formed.
 */
export function runDraw2(args: RunDraw2Args): { publicRecord: PublicRecord2; fullRecord: FullRecord2 } {
  const clear = normalizeClearPool(args.clear);
  if (commitmentOf(args.secret) !== clear.commitment) throw new Error('the secret does not match the committed commitment');
  let pool: PublicPool;
  let digest: string;
  let opener: PoolOpener;
  if (args.published) {
    ({ pool, digest } = args.published);
    opener = publishedOpener(clear, args.poolKey, args.published);
  } else {
    const published = publishPool(clear, args.poolKey);
    pool = published.pool;
    digest = poolDigest2(pool);
    opener = openerOf(published.openings);
  }
  const seed = seedOf(args.secret, args.beacon, digest);
  const exceptions = args.exceptions ?? NO_EXCEPTIONS;

  const { entryOf, pseudonymOf } = opener;
  // One withdrawal per entity and per inspector: the earliest.
  const earliest = <T extends { on: string }>(items: readonly T[], key: (item: T) => string): T[] => {
    const first = new Map<string, T>();
    for (const item of [...items].sort((a, b) => byBytes(a.on, b.on) || byBytes(JSON.stringify(a), JSON.stringify(b))))
      if (!first.has(key(item))) first.set(key(item), item);
    return [...first.values()];
  };
  const withdrawnTargets = earliest(
    exceptions.withdrawnTargets.filter((target) => entryOf(target.uscc)),
    (target) => target.uscc,
  );
  const withdrawnInspectors = earliest(
    exceptions.withdrawnInspectors.filter((inspector) => pseudonymOf(inspector.division, inspector.id)),
    (inspector) => inspectorKey(inspector.division, inspector.id),
  );
  const withdrawnEntries = new Set(withdrawnTargets.map((target) => entryOf(target.uscc)!));
  const withdrawnPseudonyms = new Set(withdrawnInspectors.map((inspector) => pseudonymOf(inspector.division, inspector.id)!));

  const usccOf = new Map<string, string>();
  for (const target of clear.targets) usccOf.set(entryOf(target.uscc)!, target.uscc);
  const late = new Map<string, string[]>();
  const lateConflicts: DrawExceptions['lateConflicts'] = [];
  for (const conflict of exceptions.lateConflicts) {
    const entry = entryOf(conflict.uscc);
    const pseudonym = pseudonymOf(conflict.division, conflict.id);
    if (!entry || !pseudonym || opener.conflictsOf(conflict.uscc).includes(pseudonym)) continue;
    const list = late.get(entry) ?? [];
    if (list.includes(pseudonym)) continue;
    list.push(pseudonym);
    late.set(entry, list);
    lateConflicts.push({ division: conflict.division, id: conflict.id, uscc: conflict.uscc, on: conflict.on });
  }
  const conflictsOf = (entry: string) => new Set([...opener.conflictsOf(usccOf.get(entry)!), ...(late.get(entry) ?? [])]);

  const selected = selectTargets2(pool, seed, withdrawnEntries);
  const assignments = drawTeams2(pool, selected, seed, withdrawnPseudonyms, conflictsOf);
  const publicRecord: PublicRecord2 = {
    algorithm: ALGORITHM_2,
    pool,
    poolDigest: digest,
    secret: args.secret,
    beacon: args.beacon,
    drawnOn: args.drawnOn,
    seed,
    withdrawn: {
      entries: [...withdrawnEntries].sort(byBytes).map((entry) => ({ entry, reason: WITHDRAWN_ENTRY_REASON })),
      inspectors: [...withdrawnPseudonyms].sort(byBytes).map((pseudonym) => ({ pseudonym, reason: WITHDRAWN_INSPECTOR_REASON })),
    },
    openings: selected
      .map((target) => {
        const uscc = usccOf.get(target.entry)!;
        return {
          entry: target.entry,
          salt: opener.conflictSaltOf(uscc),
          conflicts: [...opener.conflictsOf(uscc)],
          late: [...(late.get(target.entry) ?? [])].sort(byBytes),
        };
      })
      .sort((a, b) => byBytes(a.entry, b.entry)),
    assignments,
  };
  const fullRecord: FullRecord2 = {
    algorithm: ALGORITHM_2,
    record: publicRecord,
    poolKey: args.poolKey,
    targets: clear.targets,
    inspectors: clear.inspectors,
    excluded: [...(args.excluded ?? [])]
      .map(({ uscc, reason, task }) => ({ uscc, reason, task }))
      .sort((a, b) => byBytes(a.uscc, b.uscc) || byBytes(a.task, b.task)),
    withdrawn: {
      targets: withdrawnTargets.map(({ uscc, task, on }) => ({ uscc, reason: WITHDRAWN_ENTRY_REASON, task, on })).sort((a, b) => byBytes(a.uscc, b.uscc)),
      inspectors: withdrawnInspectors
        .map(({ division, id, on }) => ({ division, id, reason: WITHDRAWN_INSPECTOR_REASON, on }))
        .sort((a, b) => byBytes(a.division, b.division) || byBytes(a.id, b.id)),
    },
    lateConflicts: lateConflicts.sort((a, b) => byBytes(a.uscc, b.uscc) || byBytes(a.division, b.division) || byBytes(a.id, b.id)),
  };
  return { publicRecord, fullRecord };
}

/** §8 — a record as published: canonical JSON. */
export function recordJson2(record: PublicRecord2 | FullRecord2): string {
  return canonicalJson(record as unknown as CanonicalValue);
}

/** The canonical JSON of `value` with the member `key` written as `text`, which must be that member's canonical JSON. */
function withMemberText(value: object, key: string, text: string): string {
  // A placeholder no record can hold: random, and written by canonical JSON as itself in quotes.
  const placeholder = `SSJ-DRAW-2 member ${randomUUID()}`;
  const json = canonicalJson({ ...value, [key]: placeholder } as unknown as CanonicalValue);
  const at = json.indexOf(`"${placeholder}"`);
  return json.slice(0, at) + text + json.slice(at + placeholder.length + 2);
}

/**
 * §8 — both records as published, equal to `recordJson2` of each, with the megabytes of the
 * public pool serialised once: `poolText` is the pool's canonical JSON published at commit,
 * the public record holds it, and the full record holds the public record's text.
 */
export function recordTexts2(fullRecord: FullRecord2, poolText: string): { publicJson: string; fullJson: string } {
  const publicJson = withMemberText(fullRecord.record, 'pool', poolText);
  return { publicJson, fullJson: withMemberText(fullRecord, 'record', publicJson) };
}
