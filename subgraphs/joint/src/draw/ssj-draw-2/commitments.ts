/**
 * SSJ-DRAW-2 commitments (docs/draw-algorithm.md §3): how a pool entry, an inspector and the
 * conflict declarations on an entry are published without naming anyone. Each is SHA-256 of
 * a few lines that end in a salt; the salts come from the task's pool key, which only
 * supervisors ever see, so the public can neither enumerate USCCs against the entries nor
 * tell who an inspector pseudonym is. Pure functions.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { sha256Hex } from '../../../../../common/digest';
import { seededHmac } from '../seeded-hmac';

export const ALGORITHM_2 = 'SSJ-DRAW-2';

const HEX_64 = /^[0-9a-f]{64}$/;

export function isHex64(value: unknown): value is string {
  return typeof value === 'string' && HEX_64.test(value);
}

/** §1 — a fresh pool key: 32 bytes from the CSPRNG, as 64 lowercase hex characters. */
export function newPoolKey(): string {
  return randomBytes(32).toString('hex');
}

/** §3 — a salt: the first 16 bytes of HMAC-SHA256(poolKey, label), as 32 lowercase hex characters. */
export function saltOf(poolKey: string, label: string): string {
  return createHmac('sha256', Buffer.from(poolKey, 'hex')).update(label, 'utf8').digest('hex').slice(0, 32);
}

/** A salt function for one pool key, for the thousands of entries of one pool. */
export function salter(poolKey: string): (label: string) => string {
  // The same HMAC-SHA256 as createHmac gives, with the key's pads hashed once for the whole pool.
  const hmac = seededHmac(Buffer.from(poolKey, 'hex'));
  return (label) => hmac(label).toString('hex', 0, 16);
}

export const entrySaltLabel = (uscc: string) => `entry:${uscc}`;
export const conflictSaltLabel = (uscc: string) => `conflicts:${uscc}`;
export const inspectorSaltLabel = (division: string, id: string) => `inspector:${division}:${id}`;

/** §3 — the public name of one entity in one task's pool. */
export function entryCommitment(task: string, uscc: string, salt: string): string {
  return sha256Hex(`SSJ-DRAW-2/entry\n${task}\n${uscc}\n${salt}`);
}

/** §3 — the public name of one inspector in one task's pool (a pseudonym). */
export function inspectorPseudonym(task: string, division: string, id: string, salt: string): string {
  return sha256Hex(`SSJ-DRAW-2/inspector\n${task}\n${division}\n${id}\n${salt}`);
}

/** §3 — binds, at commit, which pool inspectors declared a conflict with an entry; `pseudonyms` sorted. */
export function conflictsCommitment(entry: string, salt: string, pseudonyms: readonly string[]): string {
  return sha256Hex(`SSJ-DRAW-2/conflicts\n${entry}\n${salt}\n${pseudonyms.join(',')}`);
}
