/**
 * SSJ-DRAW-2 verification (docs/draw-algorithm.md §9): the public record alone proves the
 * selection and the teams against the committed pool digest and seed; the full record, for
 * supervisors, also proves that the public pool is the office's clear pool under its pool key.
 * Never throws: anything malformed is a problem, as a sentence.
 */
import { canonicalJson, type CanonicalValue } from '../../../../../common/canonical-json';
import { beaconProblem, commitmentOf, compareBytes, NotEnoughInspectorsError, seedOf, type DrawVerification } from '../algorithm';
import { conflictsCommitment, entryCommitment, isHex64 } from './commitments';
import {
  ALGORITHM_2,
  CLASSES_IN_DRAW_ORDER,
  drawTeams2,
  poolDigest2,
  publishPool,
  selectTargets2,
  WITHDRAWN_ENTRY_REASON,
  WITHDRAWN_INSPECTOR_REASON,
  type ClearPool,
  type FullRecord2,
  type PublicPool,
  type PublicRecord2,
} from './algorithm';

 
const IDENTIFIER = /^[\x20-\x7e]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HEX_32 = /^[0-9a-f]{32}$/;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  try {
    return canonicalJson(value as CanonicalValue);
  } catch {
    return JSON.stringify(value) ?? String(value);
  }
}

/** Problems with the keys of an object: missing ones and unexpected ones. */
function keyProblems(value: Json, keys: readonly string[], where: string): string[] {
  return [
    ...keys.filter((key) => !(key in value)).map((key) => `${where} has no "${key}" field`),
    ...Object.keys(value)
      .filter((key) => !keys.includes(key))
      .map((key) => `${where} has an unexpected field "${key}"`),
  ];
}

function isSortedUnique(values: readonly string[]): boolean {
  for (let i = 1; i < values.length; i++) if (compareBytes(values[i - 1]!, values[i]!) >= 0) return false;
  return true;
}

function integerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

/** §3 — what keeps a value from being a well-formed public pool. */
export function poolProblems(pool: unknown): string[] {
  if (!isObject(pool)) return [`the pool must be an object, found ${show(pool)}`];
  const where = 'the pool';
  const problems = keyProblems(
    pool,
    ['algorithm', 'task', 'asOf', 'commitment', 'beacon', 'classRatios', 'inspectorsPerDivision', 'minTeamSize', 'targets', 'inspectors'],
    where,
  );
  if (problems.length) return problems;
  if (pool.algorithm !== ALGORITHM_2) problems.push(`pool.algorithm must be "${ALGORITHM_2}", found ${show(pool.algorithm)}`);
  if (typeof pool.task !== 'string' || !IDENTIFIER.test(pool.task)) problems.push(`pool.task must be an ASCII identifier, found ${show(pool.task)}`);
  if (typeof pool.asOf !== 'string' || !DATE.test(pool.asOf)) problems.push(`pool.asOf must be a YYYY-MM-DD date, found ${show(pool.asOf)}`);
  if (!isHex64(pool.commitment)) problems.push('pool.commitment must be 64 lowercase hex characters');
  if (!isObject(pool.beacon)) problems.push('pool.beacon must be an object');
  else {
    problems.push(...keyProblems(pool.beacon, ['source', 'date'], 'pool.beacon'));
    const sourceProblem = beaconProblem(pool.beacon.source);
    if (sourceProblem) problems.push(`pool.beacon.source is not valid: ${sourceProblem}`);
    if (typeof pool.beacon.date !== 'string' || !DATE.test(pool.beacon.date)) problems.push('pool.beacon.date must be a YYYY-MM-DD date');
  }
  if (!isObject(pool.classRatios)) problems.push('pool.classRatios must be an object');
  else {
    problems.push(...keyProblems(pool.classRatios, ['A', 'B', 'C', 'D'], 'pool.classRatios'));
    const [a, b, c, d] = (['A', 'B', 'C', 'D'] as const).map((key) => (pool.classRatios as Json)[key]);
    if (![a, b, c, d].every((ratio) => integerIn(ratio, 0, 10000))) problems.push('pool.classRatios must be integers from 0 to 10000');
    else if (!((a as number) <= (b as number) && (b as number) <= (c as number) && (c as number) <= (d as number)))
      problems.push('pool.classRatios must satisfy A ≤ B ≤ C ≤ D');
  }
  if (!integerIn(pool.inspectorsPerDivision, 1, 100)) problems.push('pool.inspectorsPerDivision must be an integer from 1 to 100');
  if (!integerIn(pool.minTeamSize, 0, 100)) problems.push('pool.minTeamSize must be an integer from 0 to 100');
  if (!Array.isArray(pool.targets)) problems.push('pool.targets must be an array');
  else {
    pool.targets.forEach((target: unknown, index) => {
      const at = `pool.targets[${index}]`;
      if (!isObject(target)) return problems.push(`${at} must be an object`);
      problems.push(...keyProblems(target, ['entry', 'class', 'divisions', 'conflicts'], at));
      if (!isHex64(target.entry)) problems.push(`${at}.entry must be 64 lowercase hex characters`);
      if (!isHex64(target.conflicts)) problems.push(`${at}.conflicts must be 64 lowercase hex characters`);
      if (!CLASSES_IN_DRAW_ORDER.includes(target.class as never)) problems.push(`${at}.class must be A, B, C or D, found ${show(target.class)}`);
      const divisions = target.divisions;
      if (!Array.isArray(divisions) || divisions.length === 0 || !divisions.every((code) => typeof code === 'string' && IDENTIFIER.test(code))) {
        problems.push(`${at}.divisions must be a non-empty list of division codes`);
      } else if (!isSortedUnique(divisions as string[])) problems.push(`${at}.divisions must be sorted by bytes, without repeats`);
    });
    if (problems.length === 0 && !isSortedUnique((pool.targets as Json[]).map((target) => target.entry as string))) {
      problems.push('pool.targets must be sorted by entry, without repeats');
    }
  }
  if (!Array.isArray(pool.inspectors)) problems.push('pool.inspectors must be an array');
  else {
    pool.inspectors.forEach((inspector: unknown, index) => {
      const at = `pool.inspectors[${index}]`;
      if (!isObject(inspector)) return problems.push(`${at} must be an object`);
      problems.push(...keyProblems(inspector, ['division', 'pseudonym'], at));
      if (typeof inspector.division !== 'string' || !IDENTIFIER.test(inspector.division)) problems.push(`${at}.division must be a division code`);
      if (!isHex64(inspector.pseudonym)) problems.push(`${at}.pseudonym must be 64 lowercase hex characters`);
    });
    if (problems.length === 0) {
      const keys = (pool.inspectors as Json[]).map((inspector) => `${inspector.division as string}\u0000${inspector.pseudonym as string}`);
      const sorted = (pool.inspectors as Json[]).every(
        (inspector, index, all) =>
          index === 0 ||
          compareBytes(all[index - 1]!.division as string, inspector.division as string) < 0 ||
          (all[index - 1]!.division === inspector.division && compareBytes(all[index - 1]!.pseudonym as string, inspector.pseudonym as string) < 0),
      );
      if (!sorted || new Set(keys).size !== keys.length) problems.push('pool.inspectors must be sorted by division, then pseudonym, without repeats');
      const pseudonyms = (pool.inspectors as Json[]).map((inspector) => inspector.pseudonym);
      if (new Set(pseudonyms).size !== pseudonyms.length) problems.push('a pseudonym appears twice in pool.inspectors');
    }
  }
  return problems;
}

const RECORD_KEYS = ['algorithm', 'pool', 'poolDigest', 'secret', 'beacon', 'drawnOn', 'seed', 'withdrawn', 'openings', 'assignments'] as const;

function pseudonymList(value: unknown, known: ReadonlySet<string>, where: string): string[] {
  if (!Array.isArray(value) || !value.every(isHex64)) return [`${where} must be a list of pseudonyms`];
  const problems: string[] = [];
  if (!isSortedUnique(value)) problems.push(`${where} must be sorted, without repeats`);
  for (const pseudonym of value) if (!known.has(pseudonym)) problems.push(`${where} names ${pseudonym}, which is not a pool inspector`);
  return problems;
}

/** The first place the recorded assignments differ from a fresh run. */
function assignmentProblems(expected: readonly unknown[], found: readonly unknown[]): string[] {
  const common = Math.min(expected.length, found.length);
  for (let index = 0; index < common; index++) {
    const want = show(expected[index]);
    const have = show(found[index]);
    if (want !== have) return [`check 9 failed: assignment ${index} differs — sections 5 and 6 give ${want}, the record has ${have}`];
  }
  if (expected.length !== found.length) {
    return [`check 9 failed: sections 5 and 6 give ${expected.length} assignments, the record has ${found.length}`];
  }
  return [];
}

function publicRecordProblems(record: unknown): string[] {
  if (!isObject(record)) return [`the draw record must be a JSON object, found ${show(record)}`];
  const shape = keyProblems(record, RECORD_KEYS, 'the draw record');
  if (shape.length) return shape;
  if (record.algorithm !== ALGORITHM_2) return [`the record's algorithm must be "${ALGORITHM_2}", found ${show(record.algorithm)}`];
  const problems = poolProblems(record.pool);
  for (const key of ['poolDigest', 'secret', 'seed'] as const)
    if (!isHex64(record[key])) problems.push(`the record's "${key}" must be 64 lowercase hex characters`);
  const beaconIssue = beaconProblem(record.beacon);
  if (beaconIssue) problems.push(`the beacon is not valid: ${beaconIssue}`);
  if (typeof record.drawnOn !== 'string' || !DATE.test(record.drawnOn)) problems.push('the record\'s "drawnOn" must be a YYYY-MM-DD date');
  if (!isObject(record.withdrawn) || keyProblems(record.withdrawn, ['entries', 'inspectors'], 'withdrawn').length) {
    problems.push('the record\'s "withdrawn" must be an object with "entries" and "inspectors"');
  }
  if (!Array.isArray(record.openings)) problems.push('the record\'s "openings" must be an array');
  if (!Array.isArray(record.assignments)) problems.push('the record\'s "assignments" must be an array');
  if (problems.length) return problems;

  const pool = record.pool as PublicPool;
  const secret = record.secret as string;
  const beacon = record.beacon as string;
  // Checks 1–4: the secret, the pool, the seed, the dates.
  const commitment = commitmentOf(secret);
  if (commitment !== pool.commitment) problems.push(`check 1 failed: SHA-256 of the secret is ${commitment}, but the pool's commitment is ${pool.commitment}`);
  const digest = poolDigest2(pool);
  if (digest !== record.poolDigest)
    problems.push(`check 2 failed: SHA-256 of the canonical pool is ${digest}, but the record's poolDigest is ${String(record.poolDigest)}`);
  const seed = seedOf(secret, beacon, digest);
  if (seed !== record.seed)
    problems.push(`check 3 failed: the seed recomputed from secret, beacon and pool digest is ${seed}, but the record's seed is ${String(record.seed)}`);
  const drawnOn = record.drawnOn as string;
  if (drawnOn < pool.beacon.date) problems.push(`check 4 failed: drawn on ${drawnOn}, before the declared beacon's date ${pool.beacon.date}`);
  if (drawnOn < pool.asOf) problems.push(`check 4 failed: drawn on ${drawnOn}, before the pool was fixed on ${pool.asOf}`);

  // Check 5: the exceptions name pool members only.
  const entries = new Map(pool.targets.map((target) => [target.entry, target]));
  const pseudonyms = new Set(pool.inspectors.map((inspector) => inspector.pseudonym));
  const withdrawn = record.withdrawn as PublicRecord2['withdrawn'];
  const withdrawnEntries = new Set<string>();
  const withdrawnInspectors = new Set<string>();
  if (!Array.isArray(withdrawn.entries) || !Array.isArray(withdrawn.inspectors))
    return [...problems, 'withdrawn.entries and withdrawn.inspectors must be arrays'];
  for (const item of withdrawn.entries as unknown[]) {
    if (!isObject(item) || !isHex64(item.entry) || item.reason !== WITHDRAWN_ENTRY_REASON || Object.keys(item).length !== 2) {
      problems.push(`check 5 failed: withdrawn entry ${show(item)} must be {"entry": <pool entry>, "reason": "${WITHDRAWN_ENTRY_REASON}"}`);
    } else if (!entries.has(item.entry)) problems.push(`check 5 failed: withdrawn entry ${item.entry} is not in the pool`);
    else withdrawnEntries.add(item.entry);
  }
  for (const item of withdrawn.inspectors as unknown[]) {
    if (!isObject(item) || !isHex64(item.pseudonym) || item.reason !== WITHDRAWN_INSPECTOR_REASON || Object.keys(item).length !== 2) {
      problems.push(`check 5 failed: withdrawn inspector ${show(item)} must be {"pseudonym": <pool inspector>, "reason": "${WITHDRAWN_INSPECTOR_REASON}"}`);
    } else if (!pseudonyms.has(item.pseudonym)) problems.push(`check 5 failed: withdrawn inspector ${item.pseudonym} is not in the pool`);
    else withdrawnInspectors.add(item.pseudonym);
  }
  if (!isSortedUnique((withdrawn.entries as Json[]).map((item) => String(item?.entry))))
    problems.push('check 5 failed: withdrawn.entries must be sorted by entry, without repeats');
  if (!isSortedUnique((withdrawn.inspectors as Json[]).map((item) => String(item?.pseudonym))))
    problems.push('check 5 failed: withdrawn.inspectors must be sorted by pseudonym, without repeats');
  if (problems.length) return problems;

  // Checks 6–8: the selection, and the conflicts of exactly the selected entries, opened.
  const selected = selectTargets2(pool, seed, withdrawnEntries);
  const selectedEntries = selected.map((target) => target.entry).sort(compareBytes);
  const openings = record.openings as unknown[];
  const openedEntries = openings.map((opening) => (isObject(opening) ? String(opening.entry) : ''));
  if (show(openedEntries) !== show(selectedEntries)) {
    problems.push(
      `check 7 failed: the openings must cover exactly the ${selectedEntries.length} selected entries, in entry order; the record opens ${openedEntries.length}`,
    );
    return problems;
  }
  const conflicts = new Map<string, Set<string>>();
  for (const opening of openings as Json[]) {
    const at = `the opening of ${String(opening.entry)}`;
    const shapeIssues = keyProblems(opening, ['entry', 'salt', 'conflicts', 'late'], at);
    if (shapeIssues.length) {
      problems.push(...shapeIssues);
      continue;
    }
    if (typeof opening.salt !== 'string' || !HEX_32.test(opening.salt)) problems.push(`${at}: salt must be 32 lowercase hex characters`);
    const listIssues = [...pseudonymList(opening.conflicts, pseudonyms, `${at}: conflicts`), ...pseudonymList(opening.late, pseudonyms, `${at}: late`)];
    problems.push(...listIssues);
    if (listIssues.length || typeof opening.salt !== 'string') continue;
    const committed = conflictsCommitment(opening.entry as string, opening.salt, opening.conflicts as string[]);
    if (committed !== entries.get(opening.entry as string)!.conflicts) {
      problems.push(`check 8 failed: ${at} does not match the conflicts committed in the pool`);
    }
    const late = opening.late as string[];
    if (late.some((pseudonym) => (opening.conflicts as string[]).includes(pseudonym))) problems.push(`${at}: a late conflict repeats a committed one`);
    conflicts.set(opening.entry as string, new Set([...(opening.conflicts as string[]), ...late]));
  }
  if (problems.length) return problems;

  // Check 9: the teams.
  try {
    const expected = drawTeams2(pool, selected, seed, withdrawnInspectors, (entry) => conflicts.get(entry) ?? new Set());
    problems.push(...assignmentProblems(expected, record.assignments as unknown[]));
  } catch (error) {
    const reason =
      error instanceof NotEnoughInspectorsError ? `division ${error.division} runs out of eligible inspectors for entry ${error.uscc}` : String(error);
    problems.push(`check 9 failed: section 6 cannot complete on the recorded pool: ${reason}`);
  }
  return problems;
}

function parse(recordOrJson: unknown): { value?: unknown; problem?: string } {
  if (typeof recordOrJson !== 'string') return { value: recordOrJson };
  try {
    return { value: JSON.parse(recordOrJson) };
  } catch (error) {
    return { problem: `the draw record is not valid JSON: ${(error as Error).message}` };
  }
}

/** §9.1 — checks a public SSJ-DRAW-2 record: anyone can run this. */
export function verifyPublicRecord2(recordOrJson: unknown): DrawVerification {
  const { value, problem } = parse(recordOrJson);
  if (problem) return { ok: false, problems: [problem] };
  try {
    const problems = publicRecordProblems(value);
    return { ok: problems.length === 0, problems };
  } catch (error) {
    return { ok: false, problems: [`the draw record could not be verified: ${String(error)}`] };
  }
}

const FULL_KEYS = ['algorithm', 'record', 'poolKey', 'targets', 'inspectors', 'excluded', 'withdrawn', 'lateConflicts'] as const;

function fullRecordProblems(full: unknown): string[] {
  if (!isObject(full)) return [`the full record must be a JSON object, found ${show(full)}`];
  const shape = keyProblems(full, FULL_KEYS, 'the full record');
  if (shape.length) return shape;
  if (full.algorithm !== ALGORITHM_2) return [`the full record's algorithm must be "${ALGORITHM_2}"`];
  const problems = publicRecordProblems(full.record);
  if (problems.length) return problems;
  if (!isHex64(full.poolKey)) return ['the full record\'s "poolKey" must be 64 lowercase hex characters'];
  if (!Array.isArray(full.targets) || !Array.isArray(full.inspectors)) return ['the full record\'s "targets" and "inspectors" must be arrays'];
  const record = full.record as PublicRecord2;
  const pool = record.pool;
  // Check 10: the public pool is the clear pool under the pool key.
  const clear: ClearPool = {
    task: pool.task,
    asOf: pool.asOf,
    commitment: pool.commitment,
    beacon: pool.beacon,
    classRatios: pool.classRatios,
    inspectorsPerDivision: pool.inspectorsPerDivision,
    minTeamSize: pool.minTeamSize,
    targets: full.targets as FullRecord2['targets'],
    inspectors: full.inspectors as FullRecord2['inspectors'],
  };
  let rebuilt: ReturnType<typeof publishPool>;
  try {
    rebuilt = publishPool(clear, full.poolKey);
  } catch (error) {
    return [`check 10 failed: the clear pool cannot be published: ${String(error)}`];
  }
  if (show(rebuilt.pool) !== show(pool)) {
    const mismatch = rebuilt.pool.targets.find((target, index) => show(target) !== show(pool.targets[index]));
    problems.push(
      `check 10 failed: the clear targets and inspectors under the pool key do not give the published pool` +
        (mismatch ? ` (first difference at entry ${mismatch.entry})` : ''),
    );
    return problems;
  }
  // Check 11: the exceptions in the clear are the published ones.
  const withdrawn = full.withdrawn as FullRecord2['withdrawn'];
  const entryOf = (uscc: string) => rebuilt.openings.targets.get(uscc)?.entry;
  const pseudonymOf = (division: string, id: string) => rebuilt.openings.inspectors.get(`${division}/${id}`)?.pseudonym;
  const clearEntries = (withdrawn?.targets ?? []).map((item) => entryOf(item.uscc) ?? `unknown ${item.uscc}`).sort(compareBytes);
  const publicEntries = record.withdrawn.entries.map((item) => item.entry);
  if (show(clearEntries) !== show(publicEntries))
    problems.push('check 11 failed: the withdrawn entities in the clear do not match the published withdrawn entries');
  const clearInspectors = (withdrawn?.inspectors ?? [])
    .map((item) => pseudonymOf(item.division, item.id) ?? `unknown ${item.division}/${item.id}`)
    .sort(compareBytes);
  const publicInspectors = record.withdrawn.inspectors.map((item) => item.pseudonym);
  if (show(clearInspectors) !== show(publicInspectors)) problems.push('check 11 failed: the withdrawn inspectors in the clear do not match the published ones');
  const late = new Map<string, string[]>();
  for (const conflict of (full.lateConflicts as FullRecord2['lateConflicts']) ?? []) {
    const entry = entryOf(conflict.uscc);
    const pseudonym = pseudonymOf(conflict.division, conflict.id);
    if (!entry || !pseudonym) {
      problems.push(`check 11 failed: the late conflict ${show(conflict)} names someone outside the pool`);
      continue;
    }
    late.set(entry, [...(late.get(entry) ?? []), pseudonym]);
  }
  for (const opening of record.openings) {
    if (show((late.get(opening.entry) ?? []).sort(compareBytes)) !== show(opening.late)) {
      problems.push(`check 11 failed: the late conflicts of entry ${opening.entry} in the clear do not match the published ones`);
    }
  }
  // Check 12: entities left out at commit are not in the pool.
  for (const item of (full.excluded as FullRecord2['excluded']) ?? []) {
    if (entryOf(item.uscc)) problems.push(`check 12 failed: ${item.uscc} is listed as left out, but it is in the pool`);
  }
  return problems;
}

/** §9.2 — checks a full SSJ-DRAW-2 record (supervisors): the public checks, then the openings. */
export function verifyFullRecord2(recordOrJson: unknown): DrawVerification {
  const { value, problem } = parse(recordOrJson);
  if (problem) return { ok: false, problems: [problem] };
  try {
    const problems = fullRecordProblems(value);
    return { ok: problems.length === 0, problems };
  } catch (error) {
    return { ok: false, problems: [`the full record could not be verified: ${String(error)}`] };
  }
}

/** §9.3 — an entity's own check: with its USCC and salt, is it in this pool, and was it selected? */
export function checkMembership(
  record: PublicRecord2 | { pool: PublicPool },
  uscc: string,
  salt: string,
): { inPool: boolean; entry: string; selected: boolean } {
  const entry = entryCommitment(record.pool.task, uscc, salt);
  const inPool = record.pool.targets.some((target) => target.entry === entry);
  const selected = 'assignments' in record && record.assignments.some((assignment) => assignment.entry === entry);
  return { inPool, entry, selected };
}
