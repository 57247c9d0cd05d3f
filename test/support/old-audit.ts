import { createHash } from 'node:crypto';
import { canonicalJson } from '../../common/canonical-json';

/** What the test needs of a database connection's query builder (knex, as MikroORM hands it out). */
type TableWriter = (table: string) => { insert(row: Record<string, unknown>): PromiseLike<unknown> };

/** An audit entry as versions before display names, changes and refusals wrote it. */
export interface OldAuditEntry {
  at: string;
  actor: string;
  role: string;
  division: string | null;
  action: string;
  subject: string;
  inputDigest: string;
  requestId: string | null;
}

/**
 * Writes entries into an older database the way those versions did: the hash is
 * the SHA-256 of the canonical JSON of exactly these fields and `prevHash`,
 * computed here on its own rather than by the current chain code, so that a
 * test shows the current code still verifies what the old one wrote.
 */
export async function insertOldAuditEntries(knex: TableWriter, entries: readonly OldAuditEntry[]): Promise<void> {
  let prevHash = '0'.repeat(64);
  let seq = 0;
  for (const entry of entries) {
    seq += 1;
    const hash = createHash('sha256')
      .update(canonicalJson({ seq, ...entry, prevHash }))
      .digest('hex');
    await knex('audit_entry').insert({
      seq,
      at: entry.at,
      actor: entry.actor,
      role: entry.role,
      division: entry.division,
      action: entry.action,
      subject: entry.subject,
      input_digest: entry.inputDigest,
      request_id: entry.requestId,
      prev_hash: prevHash,
      hash,
    });
    prevHash = hash;
  }
  await knex('audit_head').insert({ id: 1, seq, hash: prevHash });
}
