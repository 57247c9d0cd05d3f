/**
 * SSJ-DRAW-2 verification (docs/draw-algorithm.md §9): the public record alone proves the
 * selection and the teams against the committed pool digest and seed; the full record, for
 * supervisors, also proves that the public pool is the office's clear pool under its pool key.
 * The checks are numbered as on that page. Never throws: anything malformed is a problem.
 */
import { canonicalJson, type CanonicalValue } from '../../../../../common/canonical-json';
import { commitmentOf, compareBytes, NotEnoughInspectorsError, seedOf, type DrawVerification } from '../algorithm';
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
import { beaconSourceProblem, beaconValueProblem, dateProblems, dayNumber, DIVISION_CODE, INSPECTOR_ID, isDate, TASK_ID, USCC } from './rules';

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

/** The object has exactly these fields. */
function fieldsProblems(value: unknown, keys: readonly string[], where: string): string[] {
  if (!isObject(value)) return [`${where} must be an object, found ${show(value)}`];
  return [
    ...keys.filter((key) => !(key in value)).map((key) => `${where} has no "${key}" field`),
    ...Object.keys(value)
      .filter((key) => !keys.includes(key))
      .map((key) => `${where} has an unexpected field "${key}"`),
  ];
}

function strictlySorted(values: readonly string[]): boolean {
  for (let i = 1; i < values.length; i++) if (compareBytes(values[i - 1]!, values[i]!) >= 0) return false;
  return true;
}

function isInteger(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

function codeListProblems(value: unknown, pattern: RegExp, where: string, { nonEmpty }: { nonEmpty: boolean }): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && pattern.test(item)))
    return [`${where} must be a list of codes matching ${pattern}`];
  if (nonEmpty && value.length === 0) return [`${where} must not be empty`];
  return strictlySorted(value) ? [] : [`${where} must be sorted by bytes, without repeats`];
}

function hexListProblems(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every(isHex64)) return [`${where} must be a list of 64-character lowercase hex values`];
  return strictlySorted(value) ? [] : [`${where} must be sorted, without repeats`];
}

/** §9.1 check 0 for the public pool: its fields, types, value rules and order. */
export function poolProblems(pool: unknown): string[] {
  const keys = ['algorithm', 'task', 'asOf', 'commitment', 'beacon', 'classRatios', 'inspectorsPerDivision', 'minTeamSize', 'targets', 'inspectors'];
  const problems = fieldsProblems(pool, keys, 'the pool');
  if (problems.length) return problems;
  const value = pool as Json;
  if (value.algorithm !== ALGORITHM_2) problems.push(`pool.algorithm must be "${ALGORITHM_2}", found ${show(value.algorithm)}`);
  if (typeof value.task !== 'string' || !TASK_ID.test(value.task)) problems.push(`pool.task must match ${TASK_ID}, found ${show(value.task)}`);
  if (!isDate(value.asOf)) problems.push(`pool.asOf must be a calendar date YYYY-MM-DD, found ${show(value.asOf)}`);
  if (!isHex64(value.commitment)) problems.push('pool.commitment must be 64 lowercase hex characters');
  const beaconShape = fieldsProblems(value.beacon, ['source', 'date'], 'pool.beacon');
  problems.push(...beaconShape);
  if (beaconShape.length === 0) {
    const beacon = value.beacon as Json;
    const sourceProblem = beaconSourceProblem(beacon.source);
    if (sourceProblem) problems.push(`pool.beacon.source: ${sourceProblem}`);
    if (!isDate(beacon.date)) problems.push(`pool.beacon.date must be a calendar date YYYY-MM-DD, found ${show(beacon.date)}`);
  }
  const ratioShape = fieldsProblems(value.classRatios, ['A', 'B', 'C', 'D'], 'pool.classRatios');
  problems.push(...ratioShape);
  if (ratioShape.length === 0) {
    const ratios = ['A', 'B', 'C', 'D'].map((key) => (value.classRatios as Json)[key]);
    if (!ratios.every((ratio) => isInteger(ratio, 0, 10000))) problems.push('pool.classRatios must be integers from 0 to 10000');
    else if (!(ratios as number[]).every((ratio, index, all) => index === 0 || all[index - 1]! <= ratio))
      problems.push('pool.classRatios must satisfy A ≤ B ≤ C ≤ D');
  }
  if (!isInteger(value.inspectorsPerDivision, 1, 10)) problems.push('pool.inspectorsPerDivision must be an integer from 1 to 10');
  if (!isInteger(value.minTeamSize, 2, 20)) problems.push('pool.minTeamSize must be an integer from 2 to 20');
  if (!Array.isArray(value.targets)) problems.push('pool.targets must be an array');
  else {
    value.targets.forEach((target: unknown, index) => {
      const at = `pool.targets[${index}]`;
      const shape = fieldsProblems(target, ['entry', 'class', 'divisions', 'conflicts'], at);
      if (shape.length) return problems.push(...shape);
      const item = target as Json;
      if (!isHex64(item.entry)) problems.push(`${at}.entry must be 64 lowercase hex characters`);
      if (!isHex64(item.conflicts)) problems.push(`${at}.conflicts must be 64 lowercase hex characters`);
      if (!CLASSES_IN_DRAW_ORDER.includes(item.class as never)) problems.push(`${at}.class must be "A", "B", "C" or "D", found ${show(item.class)}`);
      problems.push(...codeListProblems(item.divisions, DIVISION_CODE, `${at}.divisions`, { nonEmpty: true }));
    });
    if (problems.length === 0 && !strictlySorted((value.targets as Json[]).map((target) => target.entry as string))) {
      problems.push('pool.targets must be sorted by entry, without repeats');
    }
  }
  if (!Array.isArray(value.inspectors)) problems.push('pool.inspectors must be an array');
  else {
    value.inspectors.forEach((inspector: unknown, index) => {
      const at = `pool.inspectors[${index}]`;
      const shape = fieldsProblems(inspector, ['division', 'pseudonym'], at);
      if (shape.length) return problems.push(...shape);
      const item = inspector as Json;
      if (typeof item.division !== 'string' || !DIVISION_CODE.test(item.division)) problems.push(`${at}.division must match ${DIVISION_CODE}`);
      if (!isHex64(item.pseudonym)) problems.push(`${at}.pseudonym must be 64 lowercase hex characters`);
    });
    if (problems.length === 0) {
      const inspectors = value.inspectors as Array<{ division: string; pseudonym: string }>;
      const ordered = inspectors.every(
        (inspector, index) =>
          index === 0 ||
          compareBytes(inspectors[index - 1]!.division, inspector.division) < 0 ||
          (inspectors[index - 1]!.division === inspector.division && compareBytes(inspectors[index - 1]!.pseudonym, inspector.pseudonym) < 0),
      );
      if (!ordered) problems.push('pool.inspectors must be sorted by division, then pseudonym, without repeats');
      if (new Set(inspectors.map((inspector) => inspector.pseudonym)).size !== inspectors.length) problems.push('a pseudonym appears twice in pool.inspectors');
    }
  }
  return problems;
}

const RECORD_KEYS = ['algorithm', 'pool', 'poolDigest', 'secret', 'beacon', 'drawnOn', 'seed', 'withdrawn', 'openings', 'assignments'];

/** §9.1 check 0 for the whole public record. */
function recordShapeProblems(record: unknown): string[] {
  const problems = fieldsProblems(record, RECORD_KEYS, 'the draw record');
  if (problems.length) return problems;
  const value = record as Json;
  if (value.algorithm !== ALGORITHM_2) return [`the record's algorithm must be "${ALGORITHM_2}", found ${show(value.algorithm)}`];
  problems.push(...poolProblems(value.pool));
  for (const key of ['poolDigest', 'secret', 'seed']) if (!isHex64(value[key])) problems.push(`the record's "${key}" must be 64 lowercase hex characters`);
  const beaconIssue = beaconValueProblem(value.beacon);
  if (beaconIssue) problems.push(`the record's beacon: ${beaconIssue}`);
  if (!isDate(value.drawnOn)) problems.push(`the record's "drawnOn" must be a calendar date YYYY-MM-DD, found ${show(value.drawnOn)}`);
  const withdrawnShape = fieldsProblems(value.withdrawn, ['entries', 'inspectors'], 'withdrawn');
  problems.push(...withdrawnShape);
  if (withdrawnShape.length === 0) {
    const withdrawn = value.withdrawn as Json;
    for (const [list, key] of [
      ['entries', 'entry'],
      ['inspectors', 'pseudonym'],
    ] as const) {
      if (!Array.isArray(withdrawn[list])) problems.push(`withdrawn.${list} must be an array`);
      else
        (withdrawn[list] as unknown[]).forEach((item, index) => {
          const shape = fieldsProblems(item, [key, 'reason'], `withdrawn.${list}[${index}]`);
          problems.push(...shape);
          if (shape.length === 0 && (!isHex64((item as Json)[key]) || typeof (item as Json).reason !== 'string')) {
            problems.push(`withdrawn.${list}[${index}] must hold a 64-character hex ${key} and a reason`);
          }
        });
    }
  }
  if (!Array.isArray(value.openings)) problems.push('the record\'s "openings" must be an array');
  else
    value.openings.forEach((opening: unknown, index) => {
      const at = `openings[${index}]`;
      const shape = fieldsProblems(opening, ['entry', 'salt', 'conflicts', 'late'], at);
      if (shape.length) return problems.push(...shape);
      const item = opening as Json;
      if (!isHex64(item.entry)) problems.push(`${at}.entry must be 64 lowercase hex characters`);
      if (typeof item.salt !== 'string' || !HEX_32.test(item.salt)) problems.push(`${at}.salt must be 32 lowercase hex characters`);
      if (!Array.isArray(item.conflicts) || !item.conflicts.every(isHex64)) problems.push(`${at}.conflicts must be a list of pseudonyms`);
      if (!Array.isArray(item.late) || !item.late.every(isHex64)) problems.push(`${at}.late must be a list of pseudonyms`);
    });
  if (!Array.isArray(value.assignments)) problems.push('the record\'s "assignments" must be an array');
  else
    value.assignments.forEach((assignment: unknown, index) => {
      const at = `assignments[${index}]`;
      const shape = fieldsProblems(assignment, ['entry', 'class', 'divisions', 'team'], at);
      if (shape.length) return problems.push(...shape);
      const item = assignment as Json;
      if (!isHex64(item.entry)) problems.push(`${at}.entry must be 64 lowercase hex characters`);
      if (!Array.isArray(item.team)) return problems.push(`${at}.team must be an array`);
      item.team.forEach((seat: unknown, seatIndex) => problems.push(...fieldsProblems(seat, ['division', 'inspector'], `${at}.team[${seatIndex}]`)));
    });
  return problems;
}

function numbered(check: number, problems: readonly string[]): string[] {
  return problems.map((problem) => `check ${check} failed: ${problem}`);
}

function publicRecordProblems(record: unknown): string[] {
  const shape = recordShapeProblems(record);
  if (shape.length) return numbered(0, shape);
  const value = record as PublicRecord2;
  const { pool } = value;
  const problems: string[] = [];

  // 1–3: the secret, the pool digest, the seed.
  const commitment = commitmentOf(value.secret);
  if (commitment !== pool.commitment)
    problems.push(...numbered(1, [`SHA-256 of the secret is ${commitment}, but the pool's commitment is ${pool.commitment}`]));
  const digest = poolDigest2(pool);
  if (digest !== value.poolDigest)
    problems.push(...numbered(2, [`SHA-256 of the canonical pool is ${digest}, but the record's poolDigest is ${value.poolDigest}`]));
  // The selection is checked on the seed the committed secret, the beacon and the actual pool give.
  const seed = seedOf(value.secret, value.beacon, digest);
  if (seed !== value.seed)
    problems.push(...numbered(3, [`the seed recomputed from secret, beacon and pool digest is ${seed}, but the record's seed is ${value.seed}`]));
  // 4: the dates.
  problems.push(...numbered(4, dateProblems(pool.asOf, pool.beacon.date, value.drawnOn)));

  // 5: withdrawals name pool members, with their reasons, in order.
  const targets = new Map(pool.targets.map((target) => [target.entry, target]));
  const pseudonyms = new Set(pool.inspectors.map((inspector) => inspector.pseudonym));
  const withdrawal: string[] = [];
  for (const item of value.withdrawn.entries) {
    if (!targets.has(item.entry)) withdrawal.push(`withdrawn entry ${item.entry} is not in the pool`);
    if (item.reason !== WITHDRAWN_ENTRY_REASON) withdrawal.push(`withdrawn entry ${item.entry} must give the reason "${WITHDRAWN_ENTRY_REASON}"`);
  }
  for (const item of value.withdrawn.inspectors) {
    if (!pseudonyms.has(item.pseudonym)) withdrawal.push(`withdrawn inspector ${item.pseudonym} is not in the pool`);
    if (item.reason !== WITHDRAWN_INSPECTOR_REASON)
      withdrawal.push(`withdrawn inspector ${item.pseudonym} must give the reason "${WITHDRAWN_INSPECTOR_REASON}"`);
  }
  if (!strictlySorted(value.withdrawn.entries.map((item) => item.entry))) withdrawal.push('withdrawn.entries must be sorted by entry, without repeats');
  if (!strictlySorted(value.withdrawn.inspectors.map((item) => item.pseudonym)))
    withdrawal.push('withdrawn.inspectors must be sorted by pseudonym, without repeats');
  problems.push(...numbered(5, withdrawal));
  if (withdrawal.length) return problems;

  // 6: the selection.
  const withdrawnEntries = new Set(value.withdrawn.entries.map((item) => item.entry));
  const withdrawnInspectors = new Set(value.withdrawn.inspectors.map((item) => item.pseudonym));
  const selected = selectTargets2(pool, seed, withdrawnEntries);
  const drawnEntries = value.assignments.map((assignment) => assignment.entry);
  const expectedEntries = selected.map((target) => target.entry);
  if (show(drawnEntries) !== show(expectedEntries)) {
    const index = expectedEntries.findIndex((entry, position) => drawnEntries[position] !== entry);
    problems.push(
      ...numbered(6, [
        `section 5 selects ${expectedEntries.length} entries, the record's assignments list ${drawnEntries.length}` +
          (index >= 0 ? `; the first difference is at position ${index}: ${expectedEntries[index]} expected` : ''),
      ]),
    );
  }

  // 7–8: exactly the selected entries are opened, and each opening proves its conflicts.
  const openedEntries = value.openings.map((opening) => opening.entry);
  const sortedSelection = [...expectedEntries].sort(compareBytes);
  if (show(openedEntries) !== show(sortedSelection)) {
    problems.push(
      ...numbered(7, [
        `the openings must be those of the ${sortedSelection.length} selected entries, in entry order; the record opens ${openedEntries.length}`,
      ]),
    );
    return problems;
  }
  const conflicts = new Map<string, Set<string>>();
  const openingProblems: string[] = [];
  for (const opening of value.openings) {
    const at = `the opening of ${opening.entry}`;
    const listIssues = [...hexListProblems(opening.conflicts, `${at}: conflicts`), ...hexListProblems(opening.late, `${at}: late`)];
    for (const pseudonym of [...opening.conflicts, ...opening.late])
      if (!pseudonyms.has(pseudonym)) listIssues.push(`${at} names ${pseudonym}, not a pool inspector`);
    if (opening.late.some((pseudonym) => opening.conflicts.includes(pseudonym))) listIssues.push(`${at}: a late conflict repeats a committed one`);
    if (listIssues.length === 0 && conflictsCommitment(opening.entry, opening.salt, opening.conflicts) !== targets.get(opening.entry)!.conflicts) {
      listIssues.push(`${at} does not match the conflicts committed in the pool`);
    }
    openingProblems.push(...listIssues);
    conflicts.set(opening.entry, new Set([...opening.conflicts, ...opening.late]));
  }
  problems.push(...numbered(8, openingProblems));
  if (openingProblems.length) return problems;

  // 9: the teams (and each assignment's class and divisions).
  try {
    const expected = drawTeams2(pool, selected, seed, withdrawnInspectors, (entry) => conflicts.get(entry) ?? new Set());
    const index = expected.findIndex((assignment, position) => show(assignment) !== show(value.assignments[position]));
    if (index >= 0) {
      problems.push(
        ...numbered(9, [`assignment ${index} differs — sections 5 and 6 give ${show(expected[index])}, the record has ${show(value.assignments[index])}`]),
      );
    } else if (expected.length !== value.assignments.length) {
      problems.push(...numbered(9, [`sections 5 and 6 give ${expected.length} assignments, the record has ${value.assignments.length}`]));
    }
  } catch (error) {
    const reason =
      error instanceof NotEnoughInspectorsError ? `division ${error.division} runs out of eligible inspectors for entry ${error.uscc}` : String(error);
    problems.push(...numbered(9, [`section 6 cannot complete on the recorded pool: ${reason}`]));
  }
  return problems;
}

/** Parses a record given as text; a repeated key in an object makes it no record (parsers disagree on which value wins). */
function parse(recordOrJson: unknown): { value?: unknown; problem?: string } {
  if (typeof recordOrJson !== 'string') return { value: recordOrJson };
  let value: unknown;
  try {
    value = JSON.parse(recordOrJson);
  } catch (error) {
    return { problem: `the draw record is not valid JSON: ${(error as Error).message}` };
  }
  if (hasRepeatedKey(recordOrJson)) return { problem: 'the draw record repeats a key inside an object' };
  return { value };
}

/** Whether JSON text repeats a key within one object (checked by scanning, since JSON.parse keeps the last one silently). */
function hasRepeatedKey(text: string): boolean {
  const stack: Array<Set<string> | null> = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"') {
      let end = index + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      let after = end + 1;
      while (/\s/.test(text[after] ?? '')) after++;
      if (top && text[after] === ':') {
        const key = JSON.parse(text.slice(index, end + 1)) as string;
        if (top.has(key)) return true;
        top.add(key);
      }
      index = end + 1;
      continue;
    }
    if (char === '{') stack.push(new Set());
    else if (char === '[') stack.push(null);
    else if (char === '}' || char === ']') stack.pop();
    index++;
  }
  return false;
}

function verified(check: () => string[]): DrawVerification {
  try {
    const problems = check();
    return { ok: problems.length === 0, problems };
  } catch (error) {
    return { ok: false, problems: [`the draw record could not be verified: ${String(error)}`] };
  }
}

/** §9.1 — checks a public SSJ-DRAW-2 record: anyone can run this. */
export function verifyPublicRecord2(recordOrJson: unknown): DrawVerification {
  const { value, problem } = parse(recordOrJson);
  if (problem) return { ok: false, problems: [`check 0 failed: ${problem}`] };
  return verified(() => publicRecordProblems(value));
}

const FULL_KEYS = ['algorithm', 'record', 'poolKey', 'targets', 'inspectors', 'excluded', 'withdrawn', 'lateConflicts'];

/** §9.2 check 10, first half: the clear pool's fields, value rules and order. */
function clearPoolProblems(full: Json, poolUsccs: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (!Array.isArray(full.targets)) return ['the full record\'s "targets" must be an array'];
  (full.targets as unknown[]).forEach((target, index) => {
    const at = `targets[${index}]`;
    const shape = fieldsProblems(target, ['uscc', 'class', 'divisions'], at);
    if (shape.length) return problems.push(...shape);
    const item = target as Json;
    if (typeof item.uscc !== 'string' || !USCC.test(item.uscc)) problems.push(`${at}.uscc must match ${USCC}`);
    if (!CLASSES_IN_DRAW_ORDER.includes(item.class as never)) problems.push(`${at}.class must be "A", "B", "C" or "D"`);
    problems.push(...codeListProblems(item.divisions, DIVISION_CODE, `${at}.divisions`, { nonEmpty: true }));
  });
  if (problems.length === 0 && !strictlySorted((full.targets as Json[]).map((target) => target.uscc as string)))
    problems.push('targets must be sorted by uscc, without repeats');
  if (!Array.isArray(full.inspectors)) return [...problems, 'the full record\'s "inspectors" must be an array'];
  (full.inspectors as unknown[]).forEach((inspector, index) => {
    const at = `inspectors[${index}]`;
    const shape = fieldsProblems(inspector, ['division', 'id', 'conflicts'], at);
    if (shape.length) return problems.push(...shape);
    const item = inspector as Json;
    if (typeof item.division !== 'string' || !DIVISION_CODE.test(item.division)) problems.push(`${at}.division must match ${DIVISION_CODE}`);
    if (typeof item.id !== 'string' || !INSPECTOR_ID.test(item.id)) problems.push(`${at}.id must match ${INSPECTOR_ID}`);
    problems.push(...codeListProblems(item.conflicts, USCC, `${at}.conflicts`, { nonEmpty: false }));
    if (Array.isArray(item.conflicts))
      for (const uscc of item.conflicts as string[]) if (!poolUsccs.has(uscc)) problems.push(`${at}.conflicts names ${uscc}, which is not in the pool`);
  });
  if (problems.length === 0) {
    const keys = (full.inspectors as Json[]).map((inspector) => `${inspector.division as string} ${inspector.id as string}`);
    if (!strictlySorted(keys)) problems.push('inspectors must be sorted by division, then id, without repeats');
  }
  return problems;
}

function fullRecordProblems(full: unknown): string[] {
  const shape = fieldsProblems(full, FULL_KEYS, 'the full record');
  if (shape.length) return numbered(0, shape);
  const value = full as Json;
  if (value.algorithm !== ALGORITHM_2) return numbered(0, [`the full record's algorithm must be "${ALGORITHM_2}"`]);
  if (!isHex64(value.poolKey)) return numbered(0, ['the full record\'s "poolKey" must be 64 lowercase hex characters']);
  const problems = publicRecordProblems(value.record);
  if (problems.length) return problems;
  const record = value.record as PublicRecord2;
  const { pool } = record;

  // 10: the public pool is the clear pool under the pool key.
  const poolUsccs = new Set(Array.isArray(value.targets) ? (value.targets as Json[]).map((target) => String(target?.uscc)) : []);
  const clearIssues = clearPoolProblems(value, poolUsccs);
  if (clearIssues.length) return numbered(10, clearIssues);
  const clear: ClearPool = {
    task: pool.task,
    asOf: pool.asOf,
    commitment: pool.commitment,
    beacon: pool.beacon,
    classRatios: pool.classRatios,
    inspectorsPerDivision: pool.inspectorsPerDivision,
    minTeamSize: pool.minTeamSize,
    targets: value.targets as FullRecord2['targets'],
    inspectors: value.inspectors as FullRecord2['inspectors'],
  };
  const rebuilt = publishPool(clear, value.poolKey as string);
  if (show(rebuilt.pool) !== show(pool)) {
    const index = rebuilt.pool.targets.findIndex((target, position) => show(target) !== show(pool.targets[position]));
    return numbered(10, [
      "the clear targets and inspectors, published under the pool key, do not give the record's pool" +
        (index >= 0 ? ` (first difference at pool.targets[${index}])` : ''),
    ]);
  }

  // 11: the exceptions in the clear are the published ones, dated within the pool's life.
  const entryOf = (uscc: string) => rebuilt.openings.targets.get(uscc)?.entry;
  const pseudonymOf = (division: string, id: string) => rebuilt.openings.inspectors.get(`${division}/${id}`)?.pseudonym;
  const inRange = (on: unknown) => {
    const day = dayNumber(on);
    return day !== null && day >= dayNumber(pool.asOf)! && day <= dayNumber(record.drawnOn)!;
  };
  const exceptions: string[] = [];
  const withdrawnShape = fieldsProblems(value.withdrawn, ['targets', 'inspectors'], 'withdrawn');
  if (withdrawnShape.length) return numbered(11, withdrawnShape);
  const withdrawn = value.withdrawn as FullRecord2['withdrawn'];
  if (!Array.isArray(withdrawn.targets) || !Array.isArray(withdrawn.inspectors) || !Array.isArray(value.lateConflicts)) {
    return numbered(11, ['withdrawn.targets, withdrawn.inspectors and lateConflicts must be arrays']);
  }
  withdrawn.targets.forEach((item, index) => {
    const at = `withdrawn.targets[${index}]`;
    const issues = fieldsProblems(item, ['uscc', 'reason', 'task', 'on'], at);
    if (issues.length) return exceptions.push(...issues);
    if (!entryOf(item.uscc)) exceptions.push(`${at} names ${item.uscc}, which is not in the pool`);
    if (item.reason !== WITHDRAWN_ENTRY_REASON || typeof item.task !== 'string' || !TASK_ID.test(item.task))
      exceptions.push(`${at} must give the reason and the task that drew it`);
    if (!inRange(item.on)) exceptions.push(`${at}.on must be a date from ${pool.asOf} to ${record.drawnOn}`);
  });
  withdrawn.inspectors.forEach((item, index) => {
    const at = `withdrawn.inspectors[${index}]`;
    const issues = fieldsProblems(item, ['division', 'id', 'reason', 'on'], at);
    if (issues.length) return exceptions.push(...issues);
    if (!pseudonymOf(item.division, item.id)) exceptions.push(`${at} names ${item.division}/${item.id}, who is not in the pool`);
    if (item.reason !== WITHDRAWN_INSPECTOR_REASON) exceptions.push(`${at} must give the reason "${WITHDRAWN_INSPECTOR_REASON}"`);
    if (!inRange(item.on)) exceptions.push(`${at}.on must be a date from ${pool.asOf} to ${record.drawnOn}`);
  });
  const lateConflicts = value.lateConflicts as FullRecord2['lateConflicts'];
  const committed = new Map([...rebuilt.openings.targets.values()].map((opening) => [opening.entry, opening.conflicts]));
  const late = new Map<string, string[]>();
  lateConflicts.forEach((item, index) => {
    const at = `lateConflicts[${index}]`;
    const issues = fieldsProblems(item, ['division', 'id', 'uscc', 'on'], at);
    if (issues.length) return exceptions.push(...issues);
    const entry = entryOf(item.uscc);
    const pseudonym = pseudonymOf(item.division, item.id);
    if (!entry || !pseudonym) return exceptions.push(`${at} names someone outside the pool`);
    if (committed.get(entry)!.includes(pseudonym)) exceptions.push(`${at} repeats a committed conflict`);
    if (!inRange(item.on)) exceptions.push(`${at}.on must be a date from ${pool.asOf} to ${record.drawnOn}`);
    late.set(entry, [...(late.get(entry) ?? []), pseudonym]);
  });
  if (exceptions.length === 0) {
    if (!strictlySorted(withdrawn.targets.map((item) => item.uscc))) exceptions.push('withdrawn.targets must be sorted by uscc, without repeats');
    if (!strictlySorted(withdrawn.inspectors.map((item) => `${item.division} ${item.id}`)))
      exceptions.push('withdrawn.inspectors must be sorted by division, then id, without repeats');
    if (!strictlySorted(lateConflicts.map((item) => `${item.uscc} ${item.division} ${item.id}`)))
      exceptions.push('lateConflicts must be sorted by uscc, division, id, without repeats');
    const clearEntries = withdrawn.targets.map((item) => entryOf(item.uscc)!).sort(compareBytes);
    if (show(clearEntries) !== show(record.withdrawn.entries.map((item) => item.entry)))
      exceptions.push('the withdrawn entities in the clear are not the published withdrawn entries');
    const clearInspectors = withdrawn.inspectors.map((item) => pseudonymOf(item.division, item.id)!).sort(compareBytes);
    if (show(clearInspectors) !== show(record.withdrawn.inspectors.map((item) => item.pseudonym)))
      exceptions.push('the withdrawn inspectors in the clear are not the published ones');
    for (const opening of record.openings) {
      if (show((late.get(opening.entry) ?? []).sort(compareBytes)) !== show(opening.late))
        exceptions.push(`the late conflicts of entry ${opening.entry} in the clear are not the published ones`);
    }
  }
  problems.push(...numbered(11, exceptions));

  // 12: entities left out at commit.
  const excludedIssues: string[] = [];
  if (!Array.isArray(value.excluded)) excludedIssues.push('excluded must be an array');
  else {
    const excluded = value.excluded as FullRecord2['excluded'];
    excluded.forEach((item, index) => {
      const at = `excluded[${index}]`;
      const issues = fieldsProblems(item, ['uscc', 'reason', 'task'], at);
      if (issues.length) return excludedIssues.push(...issues);
      if (
        typeof item.uscc !== 'string' ||
        !USCC.test(item.uscc) ||
        item.reason !== 'DRAWN_THIS_YEAR' ||
        typeof item.task !== 'string' ||
        !TASK_ID.test(item.task)
      ) {
        excludedIssues.push(`${at} must be { "uscc", "reason": "DRAWN_THIS_YEAR", "task" }`);
      } else if (entryOf(item.uscc)) excludedIssues.push(`${item.uscc} is listed as left out, but it is in the pool`);
    });
    if (excludedIssues.length === 0 && !strictlySorted(excluded.map((item) => `${item.uscc} ${item.task}`)))
      excludedIssues.push('excluded must be sorted by uscc, then task, without repeats');
  }
  problems.push(...numbered(12, excludedIssues));
  return problems;
}

/** §9.2 — checks a full SSJ-DRAW-2 record (supervisors): the public checks, then the openings. */
export function verifyFullRecord2(recordOrJson: unknown): DrawVerification {
  const { value, problem } = parse(recordOrJson);
  if (problem) return { ok: false, problems: [`check 0 failed: ${problem}`] };
  return verified(() => fullRecordProblems(value));
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
