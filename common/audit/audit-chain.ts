import { sha256Hex } from '../digest';
import { canonicalJson, type CanonicalValue } from '../canonical-json';

/**
 * 审计链 — every change appends an entry whose hash covers its own fields and the
 * previous entry's hash, so editing or removing any row breaks the chain from
 * that row on. The head (last sequence number and hash) is kept separately so
 * that cutting rows off the end is detected too.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  seq: number;
  at: string;
  actor: string;
  role: string;
  division: string | null;
  action: string;
  subject: string;
  inputDigest: string;
  requestId: string | null;
  // Added later and hashed only when present: an entry written before them has them
  // null and keeps the hash it was written with (see `hashedFields`).
  /** The person's display name (the token's `name`), or the service's name. */
  actorName?: string | null;
  /** For an update, each field it changed with its old and new value. */
  changes?: AuditChange[] | null;
  /** For a refused attempt, the error code it was refused with; nothing was changed. */
  refusal?: string | null;
}

/** One changed field of an update: values as text (JSON for what is not a string), null for none. */
export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

export interface ChainedAuditFields extends AuditFields {
  prevHash: string;
  hash: string;
}

export interface AuditChainHead {
  seq: number;
  hash: string;
}

/** Digest of what the caller sent, so the trail proves the input without storing personal data twice. */
export function inputDigest(input: unknown): string {
  return sha256Hex(canonicalJson(toCanonical(input)));
}

function toCanonical(value: unknown): CanonicalValue {
  if (value === undefined) return null;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toCanonical);
  if (typeof value === 'object') {
    const result: Record<string, CanonicalValue> = {};
    for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
      if (member !== undefined) result[key] = toCanonical(member);
    }
    return result;
  }
  return String(value);
}

/**
 * What an entry's hash covers: every field, except that the later optional ones
 * (`actorName`, `changes`, `refusal`) are left out when null or absent. An entry
 * written before they existed hashes exactly as it did; on a newer entry,
 * blanking one of them changes what is hashed and breaks the chain there.
 */
export function hashedFields(fields: AuditFields): Record<string, CanonicalValue> {
  const { actorName, changes, refusal, ...always } = fields;
  const hashed: Record<string, CanonicalValue> = { ...always };
  if (actorName !== null && actorName !== undefined) hashed.actorName = actorName;
  if (changes !== null && changes !== undefined)
    hashed.changes = changes.map((change) => ({ field: change.field, before: change.before, after: change.after }));
  if (refusal !== null && refusal !== undefined) hashed.refusal = refusal;
  return hashed;
}

export function entryHash(fields: AuditFields, prevHash: string): string {
  return sha256Hex(canonicalJson({ ...hashedFields(fields), prevHash }));
}

/** Changes of one row of an import, their field names prefixed with the row's subject: `inspector:ZA-0007.unit`. */
export function keyedChanges(subject: string, changes: readonly AuditChange[]): AuditChange[] {
  return changes.map((change) => ({ ...change, field: `${subject}.${change.field}` }));
}

/** A value as an audit entry shows it: strings as they are, anything else as canonical JSON, nothing as null. */
export function auditValue(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  return canonicalJson(toCanonical(value));
}

/**
 * The fields of `after` whose value differs from `before`'s, in the order given.
 * Only the named fields are compared, so a caller lists what an update may change.
 */
export function fieldChanges<T extends object>(before: T | null | undefined, after: T, fields: readonly (keyof T & string)[]): AuditChange[] {
  const changes: AuditChange[] = [];
  for (const field of fields) {
    const old = before ? auditValue(before[field]) : null;
    const now = auditValue(after[field]);
    if (old !== now) changes.push({ field, before: old, after: now });
  }
  return changes;
}

export function chainEntry(fields: AuditFields, previous: AuditChainHead | null): ChainedAuditFields {
  const prevHash = previous?.hash ?? GENESIS_HASH;
  return { ...fields, prevHash, hash: entryHash(fields, prevHash) };
}

export interface AuditChainVerdict {
  ok: boolean;
  length: number;
  /** Sequence number (1-based) of the first entry that does not verify, or null. */
  firstBrokenAt: number | null;
  /** How many of the entries record a refused attempt. */
  refusals: number;
}

/**
 * Checks entries in sequence order as they stream past; `finish` compares the
 * last one with the recorded head.
 */
export class AuditChainVerifier {
  private previous: AuditChainHead = { seq: 0, hash: GENESIS_HASH };
  private length = 0;
  private refusals = 0;
  private brokenAt: number | null = null;

  accept(entry: ChainedAuditFields): void {
    this.length += 1;
    if (entry.refusal !== null && entry.refusal !== undefined) this.refusals += 1;
    if (this.brokenAt === null) {
      const expectedSeq = this.previous.seq + 1;
      const { prevHash, hash, ...fields } = entry;
      if (entry.seq !== expectedSeq || prevHash !== this.previous.hash || entryHash(fields, prevHash) !== hash) {
        this.brokenAt = expectedSeq;
      }
    }
    this.previous = { seq: entry.seq, hash: entry.hash };
  }

  finish(head: AuditChainHead | null): AuditChainVerdict {
    const recorded = head ?? { seq: 0, hash: GENESIS_HASH };
    if (this.brokenAt === null && (recorded.seq !== this.previous.seq || recorded.hash !== this.previous.hash)) {
      this.brokenAt = Math.min(recorded.seq, this.previous.seq) + 1;
    }
    return { ok: this.brokenAt === null, length: this.length, firstBrokenAt: this.brokenAt, refusals: this.refusals };
  }
}
