/**
 * SSJ-DRAW-1 — the verifiable joint draw (双随机抽取), exactly as DRAW-ALGORITHM.md specifies
 * it; the § numbers below are that page's sections. Everything here is a pure function of its
 * arguments (apart from `newSecret`, which asks the CSPRNG), so anyone holding a published
 * record can re-run the draw in any language with nothing but SHA-256 and HMAC-SHA256. Any
 * change to the arithmetic, the labels, the sort orders or the JSON shape breaks every
 * published record: such a change is a new algorithm id, never an edit here.
 */
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../../../common/digest';
import { canonicalJson, type CanonicalValue } from '../../../../common/canonical-json';
import { seededHmac } from './seeded-hmac';

export const DRAW_ALGORITHM = 'SSJ-DRAW-1';

/** 执法检查人员不得少于两人 — an inspection team never has fewer than two inspectors. */
export const MIN_TEAM_SIZE = 2;

/** Longest beacon the specification allows, counted in Unicode characters (code points). */
export const MAX_BEACON_LENGTH = 200;

/** 风险分层 — HIGH entities are sampled at `highRiskRatioBp`, the others at `ratioBp`. */
export type Stratum = 'HIGH' | 'NORMAL';

/** The strata in the order they are drawn: high-risk selections come first in the assignment order. */
export const STRATA: readonly Stratum[] = ['HIGH', 'NORMAL'];

/** 检查对象 — one entity of the pool, with the divisions in whose directory it qualified. */
export type DrawTarget = {
  uscc: string;
  stratum: Stratum;
  divisions: string[];
};

/** 执法检查人员 — an eligible inspector of one division, with the USCCs of their declared conflicts (回避). */
export type DrawInspector = {
  division: string;
  id: string;
  conflicts: string[];
};

/** The frozen pool and parameters of one draw (§3); its canonical JSON is what `poolDigest` hashes. */
export type DrawInput = {
  algorithm: typeof DRAW_ALGORITHM;
  task: string;
  asOf: string;
  ratioBp: number;
  highRiskRatioBp: number;
  inspectorsPerDivision: number;
  minTeamSize: number;
  targets: DrawTarget[];
  inspectors: DrawInspector[];
};

/** One seat of a team: which division's directory the inspector was drawn from, and who. */
export type TeamMember = {
  division: string;
  id: string;
};

/** 抽查结果 — a drawn entity with its 检查组 (inspection team), in assignment order. */
export type DrawAssignment = {
  uscc: string;
  stratum: Stratum;
  divisions: string[];
  team: TeamMember[];
};

/** An entity left out of the pool, with the reason (e.g. DRAWN_THIS_YEAR — 同一年度已被抽取). */
export type ExcludedTarget = {
  uscc: string;
  reason: string;
};

/** The published draw document (§7). */
export type DrawRecord = {
  input: DrawInput;
  poolDigest: string;
  commitment: string;
  secret: string;
  beacon: string;
  seed: string;
  assignments: DrawAssignment[];
  excluded: ExcludedTarget[];
};

export type DrawVerification = {
  ok: boolean;
  problems: string[];
};

/**
 * A division has fewer eligible inspectors than a team needs. Rule 6 of the design: the draw
 * fails as a whole, naming the division and the entity, and nothing is stored.
 */
export class NotEnoughInspectorsError extends Error {
  readonly code = 'NOT_ENOUGH_INSPECTORS';
  readonly division: string;
  readonly uscc: string;

  constructor(division: string, uscc: string) {
    super(`${division}可选执法检查人员不足，无法为 ${uscc} 组成检查组 ` + `(not enough eligible inspectors in division ${division} for entity ${uscc})`);
    this.name = 'NotEnoughInspectorsError';
    this.division = division;
    this.uscc = uscc;
  }
}

/** The coordinator's beacon is empty, too long or not a string: the seed would not be well defined. */
export class InvalidBeaconError extends Error {
  readonly code = 'BAD_USER_INPUT';

  constructor(reason: string) {
    super(`公开随机数无效 (invalid beacon: ${reason})`);
    this.name = 'InvalidBeaconError';
  }
}

/** The draw input, the secret or the commitment cannot belong to an SSJ-DRAW-1 draw. */
export class InvalidDrawInputError extends Error {
  readonly code = 'BAD_USER_INPUT';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`抽取输入无效 (invalid draw input): ${problems.join('; ')}`);
    this.name = 'InvalidDrawInputError';
    this.problems = problems;
  }
}

// ---------------------------------------------------------------------------------------------
// Ordering and hashing primitives
// ---------------------------------------------------------------------------------------------

/** §3 sorts by byte value, so the order never depends on a locale or on a runtime's collation. */
export function compareBytes(a: string, b: string): number {
  // For ASCII text (every identifier of a valid input) comparing code units is comparing bytes.
  if (ASCII.test(a) && ASCII.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

// eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL
const ASCII = /^[\x00-\x7f]*$/;

function sortedByBytes(values: readonly string[]): string[] {
  return [...values].sort(compareBytes);
}

const SECRET_PATTERN = /^[0-9a-f]{64}$/;
const SEED_PATTERN = /^[0-9a-f]{64}$/;

/** §1 — 32 bytes from the CSPRNG, as 64 lowercase hex characters; kept hidden until the draw. */
export function newSecret(): string {
  return randomBytes(32).toString('hex');
}

/** §1 — published at commit time, so the server cannot pick a convenient secret afterwards. */
export function commitmentOf(secret: string): string {
  return sha256Hex(secret);
}

/**
 * §3 — the input in the one order every implementation agrees on. Only the §3 fields are
 * copied, so a stray property can never leak into the digest.
 */
export function normalizeDrawInput(input: DrawInput): DrawInput {
  return {
    algorithm: input.algorithm,
    task: input.task,
    asOf: input.asOf,
    ratioBp: input.ratioBp,
    highRiskRatioBp: input.highRiskRatioBp,
    inspectorsPerDivision: input.inspectorsPerDivision,
    minTeamSize: input.minTeamSize,
    targets: input.targets
      .map((target) => ({ uscc: target.uscc, stratum: target.stratum, divisions: sortedByBytes(target.divisions) }))
      .sort((a, b) => compareBytes(a.uscc, b.uscc)),
    inspectors: input.inspectors
      .map((inspector) => ({
        division: inspector.division,
        id: inspector.id,
        conflicts: sortedByBytes(inspector.conflicts),
      }))
      .sort((a, b) => compareBytes(a.division, b.division) || compareBytes(a.id, b.id)),
  };
}

/** §3 — the canonical JSON of the (normalized) input. */
export function canonicalDrawInput(input: DrawInput): string {
  return canonicalJson(normalizeDrawInput(input) as CanonicalValue);
}

/** §3 — binds the draw to exactly this pool: one entity or inspector more or less changes it. */
export function poolDigestOf(input: DrawInput): string {
  return sha256Hex(canonicalDrawInput(input));
}

/**
 * §4 — the seed mixes the committed secret (unknown to the public before the draw), the
 * beacon (unknown to the server at commit time) and the pool digest, so neither side alone
 * can steer the outcome.
 */
export function seedOf(secret: string, beacon: string, poolDigest: string): string {
  return sha256Hex(`${secret}\n${beacon}\n${poolDigest}`);
}

/**
 * §4 — the rank of a label under the seed. The HMAC key is the 32 seed bytes, not their hex
 * text. Buffers of equal length compare (Buffer.compare) as big-endian unsigned numbers.
 */
export function rank(seedHex: string, label: string): Buffer {
  return ranker(seedHex)(label);
}

/**
 * `rank` for one seed, as a function of the label: a draw ranks every pool entity and, for
 * every team seat, every least-loaded candidate — hundreds of thousands of labels under one key.
 */
export function ranker(seedHex: string): (label: string) => Buffer {
  if (!SEED_PATTERN.test(seedHex)) {
    throw new TypeError(`a seed is 64 lowercase hex characters, got ${JSON.stringify(seedHex)}`);
  }
  return seededHmac(Buffer.from(seedHex, 'hex'));
}

// ---------------------------------------------------------------------------------------------
// §5 Targets (检查对象抽取)
// ---------------------------------------------------------------------------------------------

/**
 * §5 — `min(|P|, ceil(|P| × bp / 10000))` in integer arithmetic: rounding up means any
 * non-empty stratum with bp > 0 yields at least one entity.
 */
export function sampleSize(populationSize: number, bp: number): number {
  return Math.min(populationSize, Math.floor((populationSize * bp + 9999) / 10000));
}

function ratioFor(input: DrawInput, stratum: Stratum): number {
  return stratum === 'HIGH' ? input.highRiskRatioBp : input.ratioBp;
}

/** The `n` lowest-ranked members of `pool` in ascending rank. */
function lowestRanked<T>(pool: readonly T[], n: number, rankOf: (item: T) => Buffer): T[] {
  return pool
    .map((item) => ({ item, rank: rankOf(item) }))
    .sort((a, b) => Buffer.compare(a.rank, b.rank))
    .slice(0, n)
    .map((entry) => entry.item);
}

/** §5 — the selected targets in assignment order: HIGH selections in ascending rank, then NORMAL. */
export function selectTargets(input: DrawInput, seedHex: string): DrawTarget[] {
  const rankOf = ranker(seedHex);
  return STRATA.flatMap((stratum) => {
    const pool = input.targets.filter((target) => target.stratum === stratum);
    const n = sampleSize(pool.length, ratioFor(input, stratum));
    return lowestRanked(pool, n, (target) => rankOf(`target:${target.uscc}`));
  });
}

// ---------------------------------------------------------------------------------------------
// §6 Teams (执法检查人员选派)
// ---------------------------------------------------------------------------------------------

/**
 * §6 — how many inspectors each division sends to one target: `inspectorsPerDivision` each,
 * then one more at a time, cycling through the sorted divisions, until the team reaches
 * `minTeamSize` (a single-division task with one inspector per division thus sends two).
 */
export function teamNeeds(divisions: readonly string[], inspectorsPerDivision: number, minTeamSize: number): Array<{ division: string; need: number }> {
  const needs = sortedByBytes(divisions).map((division) => ({ division, need: inspectorsPerDivision }));
  if (needs.length === 0) {
    if (minTeamSize > 0) throw new InvalidDrawInputError(['a target must belong to at least one division']);
    return needs;
  }
  let total = needs.length * inspectorsPerDivision;
  for (let next = 0; total < minTeamSize; next = (next + 1) % needs.length) {
    needs[next]!.need += 1;
    total += 1;
  }
  return needs;
}

/** An inspector of the pool with their load (任务量) so far in this draw. */
type Seat = { inspector: DrawInspector; load: number };

/** Per division, the inspectors in input order, each with a load starting at 0 (§6). */
function seatsByDivision(inspectors: readonly DrawInspector[]): Map<string, Seat[]> {
  const byDivision = new Map<string, Seat[]>();
  for (const inspector of inspectors) {
    const seats = byDivision.get(inspector.division) ?? [];
    seats.push({ inspector, load: 0 });
    byDivision.set(inspector.division, seats);
  }
  return byDivision;
}

/**
 * One pick for one seat of a team: among the division's inspectors not yet on this team and
 * without a declared conflict (回避), the least-loaded ones; of those, the lowest
 * `rank("team:" + uscc + ":" + division + ":" + id)`.
 */
function pickInspector(seats: readonly Seat[], target: DrawTarget, division: string, chosenIds: ReadonlySet<string>, rankOf: (seat: Seat) => Buffer): Seat {
  const candidates = seats.filter((seat) => !chosenIds.has(seat.inspector.id) && !seat.inspector.conflicts.includes(target.uscc));
  if (candidates.length === 0) throw new NotEnoughInspectorsError(division, target.uscc);
  let leastLoad = Infinity;
  for (const seat of candidates) leastLoad = Math.min(leastLoad, seat.load);
  // The lowest rank among the least loaded; ranks are distinct for distinct labels, so a strict
  // comparison finds the same seat as sorting them would.
  let best: Seat | undefined;
  let bestRank: Buffer | undefined;
  for (const seat of candidates) {
    if (seat.load !== leastLoad) continue;
    const seatRank = rankOf(seat);
    if (bestRank === undefined || Buffer.compare(seatRank, bestRank) < 0) {
      best = seat;
      bestRank = seatRank;
    }
  }
  return best!;
}

/**
 * §6 — the 检查组 for every selected target, in assignment order. Loads carry over from one
 * target to the next, which is what spreads the work evenly within a task (rule 7, 均衡).
 * Throws NotEnoughInspectorsError as soon as a division runs out of candidates.
 */
export function drawTeams(input: DrawInput, selected: readonly DrawTarget[], seedHex: string): DrawAssignment[] {
  const seats = seatsByDivision(input.inspectors);
  const rankOf = ranker(seedHex);
  return selected.map((target) => {
    const team: TeamMember[] = [];
    for (const { division, need } of teamNeeds(target.divisions, input.inspectorsPerDivision, input.minTeamSize)) {
      const divisionSeats = seats.get(division) ?? [];
      const chosenIds = new Set<string>();
      // A division sending several inspectors ranks the same labels for each seat: rank each once.
      const ranks = new Map<Seat, Buffer>();
      const seatRank = (seat: Seat) => {
        let value = ranks.get(seat);
        if (!value) ranks.set(seat, (value = rankOf(`team:${target.uscc}:${division}:${seat.inspector.id}`)));
        return value;
      };
      for (let seat = 0; seat < need; seat++) {
        const chosen = pickInspector(divisionSeats, target, division, chosenIds, seatRank);
        chosenIds.add(chosen.inspector.id);
        chosen.load += 1;
        team.push({ division, id: chosen.inspector.id });
      }
    }
    return { uscc: target.uscc, stratum: target.stratum, divisions: sortedByBytes(target.divisions), team };
  });
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

const INPUT_KEYS = ['algorithm', 'task', 'asOf', 'ratioBp', 'highRiskRatioBp', 'inspectorsPerDivision', 'minTeamSize', 'targets', 'inspectors'] as const;
const TARGET_KEYS = ['uscc', 'stratum', 'divisions'] as const;
const INSPECTOR_KEYS = ['division', 'id', 'conflicts'] as const;

/** §3: identifiers are ASCII. Control characters are refused too, so labels stay printable. */
const IDENTIFIER_PATTERN = /^[\x20-\x7e]+$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function unexpectedKeys(value: Record<string, unknown>, allowed: readonly string[], where: string): string[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => `${where} has an unexpected field "${key}"`);
}

function identifierProblems(value: unknown, where: string): string[] {
  if (typeof value !== 'string' || !IDENTIFIER_PATTERN.test(value)) {
    return [`${where} must be a non-empty ASCII identifier, found ${describeValue(value)}`];
  }
  return [];
}

function countProblems(value: unknown, where: string, max = Number.MAX_SAFE_INTEGER): string[] {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > max) {
    return [`${where} must be an integer from 0 to ${max}, found ${describeValue(value)}`];
  }
  return [];
}

function identifierListProblems(value: unknown, where: string): string[] {
  if (!Array.isArray(value)) return [`${where} must be an array, found ${describeValue(value)}`];
  const problems = value.flatMap((item, index) => identifierProblems(item, `${where}[${index}]`));
  if (problems.length === 0 && new Set(value).size !== value.length) problems.push(`${where} lists a value twice`);
  return problems;
}

function targetProblems(value: unknown, where: string): string[] {
  if (!isPlainObject(value)) return [`${where} must be an object, found ${describeValue(value)}`];
  const problems = [
    ...unexpectedKeys(value, TARGET_KEYS, where),
    ...identifierProblems(value.uscc, `${where}.uscc`),
    ...identifierListProblems(value.divisions, `${where}.divisions`),
  ];
  if (value.stratum !== 'HIGH' && value.stratum !== 'NORMAL') {
    problems.push(`${where}.stratum must be "HIGH" or "NORMAL", found ${describeValue(value.stratum)}`);
  }
  if (Array.isArray(value.divisions) && value.divisions.length === 0) {
    problems.push(`${where}.divisions must name at least one division`);
  }
  return problems;
}

function inspectorProblems(value: unknown, where: string): string[] {
  if (!isPlainObject(value)) return [`${where} must be an object, found ${describeValue(value)}`];
  return [
    ...unexpectedKeys(value, INSPECTOR_KEYS, where),
    ...identifierProblems(value.division, `${where}.division`),
    ...identifierProblems(value.id, `${where}.id`),
    ...identifierListProblems(value.conflicts, `${where}.conflicts`),
  ];
}

function duplicateProblems(keys: readonly string[], what: string): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const key of keys) {
    if (seen.has(key)) problems.push(`${what} ${key} appears twice`);
    seen.add(key);
  }
  return problems;
}

/**
 * Everything that keeps `value` from being an SSJ-DRAW-1 input (§3), as sentences; empty when
 * it is one. Duplicate entities or inspectors are refused because they would make ranks and
 * loads ambiguous.
 */
export function drawInputProblems(value: unknown): string[] {
  if (!isPlainObject(value)) return [`the draw input must be an object, found ${describeValue(value)}`];
  const problems = unexpectedKeys(value, INPUT_KEYS, 'the draw input');
  if (value.algorithm !== DRAW_ALGORITHM) {
    problems.push(`input.algorithm must be "${DRAW_ALGORITHM}", found ${describeValue(value.algorithm)}`);
  }
  if (typeof value.task !== 'string' || value.task.length === 0) {
    problems.push(`input.task must be a non-empty string, found ${describeValue(value.task)}`);
  }
  if (typeof value.asOf !== 'string' || !DATE_PATTERN.test(value.asOf)) {
    problems.push(`input.asOf must be a YYYY-MM-DD date, found ${describeValue(value.asOf)}`);
  }
  problems.push(
    ...countProblems(value.ratioBp, 'input.ratioBp', 10000),
    ...countProblems(value.highRiskRatioBp, 'input.highRiskRatioBp', 10000),
    ...countProblems(value.inspectorsPerDivision, 'input.inspectorsPerDivision'),
    ...countProblems(value.minTeamSize, 'input.minTeamSize'),
  );
  if (!Array.isArray(value.targets)) {
    problems.push(`input.targets must be an array, found ${describeValue(value.targets)}`);
  } else {
    const targets: unknown[] = value.targets;
    const shape = targets.flatMap((target, index) => targetProblems(target, `input.targets[${index}]`));
    problems.push(...shape);
    if (shape.length === 0) {
      problems.push(
        ...duplicateProblems(
          (targets as DrawTarget[]).map((t) => t.uscc),
          'the entity',
        ),
      );
    }
  }
  if (!Array.isArray(value.inspectors)) {
    problems.push(`input.inspectors must be an array, found ${describeValue(value.inspectors)}`);
  } else {
    const inspectors: unknown[] = value.inspectors;
    const shape = inspectors.flatMap((inspector, index) => inspectorProblems(inspector, `input.inspectors[${index}]`));
    problems.push(...shape);
    if (shape.length === 0) {
      const keys = (inspectors as DrawInspector[]).map((i) => `${i.division}/${i.id}`);
      problems.push(...duplicateProblems(keys, 'the inspector'));
    }
  }
  return problems;
}

/** Why `beacon` cannot seed a draw (§4: 1–200 characters), or null when it can. Nothing is trimmed. */
export function beaconProblem(beacon: unknown): string | null {
  if (typeof beacon !== 'string') return `the beacon must be a string, found ${describeValue(beacon)}`;
  const length = [...beacon].length;
  if (length === 0) return 'the beacon is empty';
  if (length > MAX_BEACON_LENGTH) {
    return `the beacon has ${length} characters, at most ${MAX_BEACON_LENGTH} are allowed`;
  }
  return null;
}

function excludedProblems(value: unknown): string[] {
  if (!Array.isArray(value)) return [`excluded must be an array, found ${describeValue(value)}`];
  return value.flatMap((entry: unknown, index) => {
    const where = `excluded[${index}]`;
    if (!isPlainObject(entry)) return [`${where} must be an object, found ${describeValue(entry)}`];
    const problems = unexpectedKeys(entry, ['uscc', 'reason'], where);
    if (typeof entry.uscc !== 'string') problems.push(`${where}.uscc must be a string`);
    if (typeof entry.reason !== 'string') problems.push(`${where}.reason must be a string`);
    return problems;
  });
}

// ---------------------------------------------------------------------------------------------
// §7 The record
// ---------------------------------------------------------------------------------------------

export type RunDrawArgs = {
  input: DrawInput;
  /** The secret committed at COMMITTED time (§1). */
  secret: string;
  /** The coordinator's public beacon (§4). */
  beacon: string;
  /** The commitment published at COMMITTED time; the secret must match it. */
  commitment: string;
  /** Entities left out of the pool (§2); recorded, not hashed. */
  excluded?: readonly ExcludedTarget[];
};

/**
 * Runs the whole draw (§3–§6) and returns the record to store and publish (§7). Throws
 * InvalidBeaconError, InvalidDrawInputError or NotEnoughInspectorsError; on any of them nothing
 * is to be stored.
 */
export function runDraw({ input, secret, beacon, commitment, excluded = [] }: RunDrawArgs): DrawRecord {
  const beaconIssue = beaconProblem(beacon);
  if (beaconIssue !== null) throw new InvalidBeaconError(beaconIssue);
  const problems = [...drawInputProblems(input), ...excludedProblems(excluded)];
  if (typeof secret !== 'string' || !SECRET_PATTERN.test(secret)) {
    problems.push('the secret must be 64 lowercase hex characters');
  } else if (commitmentOf(secret) !== commitment) {
    problems.push('the secret does not match the published commitment');
  }
  if (problems.length > 0) throw new InvalidDrawInputError(problems);

  const normalized = normalizeDrawInput(input);
  const poolDigest = poolDigestOf(normalized);
  const seed = seedOf(secret, beacon, poolDigest);
  const assignments = drawTeams(normalized, selectTargets(normalized, seed), seed);
  return {
    input: normalized,
    poolDigest,
    commitment,
    secret,
    beacon,
    seed,
    assignments,
    excluded: excluded
      .map((entry) => ({ uscc: entry.uscc, reason: entry.reason }))
      .sort((a, b) => compareBytes(a.uscc, b.uscc) || compareBytes(a.reason, b.reason)),
  };
}

/** §7 — the record as published: canonical JSON (`InspectionTask.draw.record`). */
export function drawRecordJson(record: DrawRecord): string {
  return canonicalJson(record as CanonicalValue);
}

// ---------------------------------------------------------------------------------------------
// §8 Verification (核验)
// ---------------------------------------------------------------------------------------------

const RECORD_KEYS = ['input', 'poolDigest', 'commitment', 'secret', 'beacon', 'seed', 'assignments', 'excluded'];
const RECORD_STRING_KEYS = ['poolDigest', 'commitment', 'secret', 'beacon', 'seed'] as const;

/** Canonical text of any parsed JSON value, for messages; falls back for values JCS here does not carry. */
function showJson(value: unknown): string {
  try {
    return canonicalJson(value as CanonicalValue);
  } catch {
    return describeValue(value);
  }
}

function recordShapeProblems(record: unknown): string[] {
  if (!isPlainObject(record)) return [`the draw record must be a JSON object, found ${describeValue(record)}`];
  const problems = RECORD_KEYS.filter((key) => !(key in record)).map((key) => `the draw record has no "${key}" field`);
  problems.push(...unexpectedKeys(record, RECORD_KEYS, 'the draw record'));
  for (const key of RECORD_STRING_KEYS) {
    if (key in record && typeof record[key] !== 'string') {
      problems.push(`the draw record's "${key}" must be a string, found ${describeValue(record[key])}`);
    }
  }
  if ('assignments' in record && !Array.isArray(record.assignments)) {
    problems.push(`the draw record's "assignments" must be an array, found ${describeValue(record.assignments)}`);
  }
  if ('excluded' in record) problems.push(...excludedProblems(record.excluded));
  if ('input' in record) problems.push(...drawInputProblems(record.input));
  return problems;
}

/** A record built by runDraw always stores the §3 order; another order means it was edited. */
function orderProblems(input: DrawInput): string[] {
  return canonicalJson(input as CanonicalValue) === canonicalDrawInput(input)
    ? []
    : ['the recorded input is not in the §3 order (targets by uscc, inspectors by division then id, lists sorted)'];
}

/** Check 4: the first place where the recorded assignments differ from a fresh run of §5–§6. */
function assignmentProblems(expected: readonly DrawAssignment[], found: readonly unknown[]): string[] {
  const common = Math.min(expected.length, found.length);
  for (let index = 0; index < common; index++) {
    const want = canonicalJson(expected[index] as CanonicalValue);
    const have = showJson(found[index]);
    if (want !== have) {
      return [`check 4 failed: assignment ${index} differs — sections 5 and 6 give ${want}, the record has ${have}`];
    }
  }
  if (expected.length !== found.length) {
    return [
      `check 4 failed: sections 5 and 6 give ${expected.length} assignments, the record has ${found.length}` +
        (expected.length > found.length
          ? ` (first missing: ${canonicalJson(expected[common] as CanonicalValue)})`
          : ` (first extra: ${showJson(found[common])})`),
    ];
  }
  return [];
}

function verifyParsedRecord(record: DrawRecord): string[] {
  const problems = orderProblems(record.input);
  const beaconIssue = beaconProblem(record.beacon);
  if (beaconIssue !== null) problems.push(`the beacon is not valid: ${beaconIssue}`);
  if (!SECRET_PATTERN.test(record.secret)) problems.push('the secret is not 64 lowercase hex characters');

  const commitment = commitmentOf(record.secret);
  if (commitment !== record.commitment) {
    problems.push(`check 1 failed: SHA-256 of the secret is ${commitment}, but the record's commitment is ${record.commitment}`);
  }
  const poolDigest = poolDigestOf(record.input);
  if (poolDigest !== record.poolDigest) {
    problems.push(`check 2 failed: SHA-256 of the canonical input is ${poolDigest}, ` + `but the record's poolDigest is ${record.poolDigest}`);
  }
  const seed = seedOf(record.secret, record.beacon, record.poolDigest);
  if (seed !== record.seed) {
    problems.push(`check 3 failed: the seed recomputed from secret, beacon and poolDigest is ${seed}, ` + `but the record's seed is ${record.seed}`);
  }
  // Check 4 runs on the seed the committed secret, the beacon and the actual pool give, so an
  // edited seed or digest cannot make edited assignments look consistent.
  const trueSeed = seedOf(record.secret, record.beacon, poolDigest);
  const input = normalizeDrawInput(record.input);
  try {
    const expected = drawTeams(input, selectTargets(input, trueSeed), trueSeed);
    problems.push(...assignmentProblems(expected, record.assignments));
  } catch (error) {
    const reason =
      error instanceof NotEnoughInspectorsError ? `division ${error.division} runs out of eligible inspectors for entity ${error.uscc}` : String(error);
    problems.push(`check 4 failed: sections 5 and 6 cannot complete on the recorded input: ${reason}`);
  }
  return problems;
}

/**
 * §8 — re-checks a published record: the commitment, the pool digest, the seed, and the
 * assignments. Accepts the record or its JSON text; never throws — anything malformed is
 * reported as a problem.
 */
export function verifyDrawRecord(recordOrJson: unknown): DrawVerification {
  try {
    let record = recordOrJson;
    if (typeof recordOrJson === 'string') {
      try {
        record = JSON.parse(recordOrJson);
      } catch (error) {
        return { ok: false, problems: [`the draw record is not valid JSON: ${(error as Error).message}`] };
      }
    }
    const shape = recordShapeProblems(record);
    if (shape.length > 0) return { ok: false, problems: shape };
    const problems = verifyParsedRecord(record as DrawRecord);
    return { ok: problems.length === 0, problems };
  } catch (error) {
    return { ok: false, problems: [`the draw record could not be verified: ${String(error)}`] };
  }
}
