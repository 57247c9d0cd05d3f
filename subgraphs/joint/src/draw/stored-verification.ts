import { verifyDrawRecord, type DrawVerification } from './algorithm';
import { verifyFullRecord2, verifyPublicRecord2 } from './ssj-draw-2/verify';
import { canonicalJson, type CanonicalValue } from '../../../../common/canonical-json';

/** What the joint office stored beside a record, and published before it: the record must agree with all of it. */
export interface StoredDrawFacts {
  task: string;
  /** The task's seed commitment, public since the task was committed. */
  commitment: string | null;
  beacon: string;
  secret: string;
  seed: string;
  poolDigest: string;
  /** SSJ-DRAW-2: the pool digest published when the task was committed (null for SSJ-DRAW-1). */
  committedPoolDigest?: string | null;
  /** SSJ-DRAW-2: the public record as stored and served, which must be the full record's own. */
  publicRecord?: string | null;
}

/** The stored text and a parsed record are the same value (canonical forms compared); false for text that is not JSON. */
function sameRecord(text: string, record: unknown): boolean {
  try {
    return canonicalJson(JSON.parse(text) as CanonicalValue) === canonicalJson(record as CanonicalValue);
  } catch {
    return false;
  }
}

/** An SSJ-DRAW-2 full record (§9.2) against what was stored and published beside it. */
function verifyStoredDraw2(record: Record<string, unknown>, facts: StoredDrawFacts): DrawVerification {
  const problems = [...verifyFullRecord2(record).problems];
  const inner = (record.record ?? {}) as Record<string, unknown>;
  const pool = (inner.pool ?? {}) as Record<string, unknown>;
  if (pool.task !== facts.task) problems.push(`the record is for task ${JSON.stringify(pool.task)}, not ${facts.task}`);
  if (facts.commitment !== null && pool.commitment !== facts.commitment) {
    problems.push(`the record's commitment ${JSON.stringify(pool.commitment)} is not the one published when the task was committed (${facts.commitment})`);
  }
  if (facts.committedPoolDigest && inner.poolDigest !== facts.committedPoolDigest) {
    problems.push(
      `the record's pool digest ${JSON.stringify(inner.poolDigest)} is not the one published when the task was committed (${facts.committedPoolDigest})`,
    );
  }
  for (const key of ['beacon', 'secret', 'seed', 'poolDigest'] as const) {
    if (inner[key] !== facts[key]) problems.push(`the record's ${key} ${JSON.stringify(inner[key])} is not the stored ${key} ${JSON.stringify(facts[key])}`);
  }
  // What the public downloads is checked on its own, and must be exactly the full record's public part.
  if (facts.publicRecord !== undefined && facts.publicRecord !== null) {
    const served = verifyPublicRecord2(facts.publicRecord);
    problems.push(...served.problems.map((problem) => `the public record: ${problem}`));
    if (!sameRecord(facts.publicRecord, inner)) problems.push('the public record as stored is not the public part of the full record');
  }
  return { ok: problems.length === 0, problems };
}

/**
 * §8 on a stored record, and the record against what was stored and
 * published beside it: a record that verifies on its own but names another
 * task, commitment or beacon is not this task's draw. Pure; runs in the
 * verifier's worker thread.
 */
export function verifyStoredDraw(recordJson: string, facts: StoredDrawFacts): DrawVerification {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(recordJson) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, problems: [`the draw record is not valid JSON: ${(error as Error).message}`] };
  }
  if (record?.algorithm === 'SSJ-DRAW-2') return verifyStoredDraw2(record, facts);
  const verification = verifyDrawRecord(record);
  const problems = [...verification.problems];
  const input = record.input as { task?: unknown } | undefined;
  if (input?.task !== facts.task) problems.push(`the record is for task ${JSON.stringify(input?.task)}, not ${facts.task}`);
  if (facts.commitment !== null && record.commitment !== facts.commitment) {
    problems.push(`the record's commitment ${JSON.stringify(record.commitment)} is not the one published when the task was committed (${facts.commitment})`);
  }
  for (const key of ['beacon', 'secret', 'seed', 'poolDigest'] as const) {
    if (record[key] !== facts[key]) problems.push(`the record's ${key} ${JSON.stringify(record[key])} is not the stored ${key} ${JSON.stringify(facts[key])}`);
  }
  return { ok: problems.length === 0, problems };
}
