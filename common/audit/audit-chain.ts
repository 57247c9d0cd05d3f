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

export function entryHash(fields: AuditFields, prevHash: string): string {
  return sha256Hex(canonicalJson({ ...fields, prevHash }));
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
}

/**
 * Checks entries in sequence order as they stream past; `finish` compares the
 * last one with the recorded head.
 */
export class AuditChainVerifier {
  private previous: AuditChainHead = { seq: 0, hash: GENESIS_HASH };
  private length = 0;
  private brokenAt: number | null = null;

  accept(entry: ChainedAuditFields): void {
    this.length += 1;
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
    return { ok: this.brokenAt === null, length: this.length, firstBrokenAt: this.brokenAt };
  }
}
