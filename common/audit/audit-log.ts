import { LockMode, type EntityManager } from '@mikro-orm/core';
import { primaryRole, type Viewer } from '../viewer';
import { AuditEntry, AuditHead } from './audit-entry.entity';
import { AuditChainVerifier, chainEntry, GENESIS_HASH, inputDigest, type AuditChainVerdict, type AuditChange } from './audit-chain';

export interface AuditEvent {
  action: string;
  subject: string;
  input: unknown;
  division?: string | null;
  /** For an update: the fields it changed (`fieldChanges`); an empty list records none. */
  changes?: readonly AuditChange[];
  /** For a refused attempt: the error code (see `refusal-audit.ts`). */
  refusal?: string;
}

/** True on PostgreSQL, where several replicas may append at once and the head row must be locked. */
function needsRowLock(em: EntityManager): boolean {
  return em.getPlatform().constructor.name.startsWith('PostgreSql');
}

/**
 * Appends one entry. Must run inside the transaction that makes the change, so
 * the change and its audit entry are stored together or not at all.
 */
export async function appendAudit(em: EntityManager, viewer: Viewer, event: AuditEvent, at: Date = new Date()): Promise<AuditEntry> {
  let head = await em.findOne(AuditHead, { id: 1 }, needsRowLock(em) ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  if (!head) {
    head = em.create(AuditHead, { id: 1, seq: 0, hash: GENESIS_HASH });
  }
  const fields = chainEntry(
    {
      seq: head.seq + 1,
      at: at.toISOString(),
      actor: viewer.sub,
      role: primaryRole(viewer),
      division: event.division ?? viewer.division ?? null,
      action: event.action,
      subject: event.subject,
      inputDigest: inputDigest(event.input),
      requestId: viewer.requestId ?? null,
      actorName: viewer.name || viewer.sub,
      changes: event.changes?.length ? [...event.changes] : null,
      refusal: event.refusal ?? null,
    },
    head.seq === 0 ? null : { seq: head.seq, hash: head.hash },
  );
  const entry = em.create(AuditEntry, fields);
  head.seq = fields.seq;
  head.hash = fields.hash;
  em.persist([entry, head]);
  return entry;
}

const VERIFY_BATCH = 2000;

/** Re-reads the whole chain in sequence order and checks every link. */
export async function verifyAuditChain(em: EntityManager): Promise<AuditChainVerdict> {
  const verifier = new AuditChainVerifier();
  let after = 0;
  for (;;) {
    const rows = await em.find(AuditEntry, { seq: { $gt: after } }, { orderBy: { seq: 'asc' }, limit: VERIFY_BATCH, disableIdentityMap: true });
    for (const row of rows) verifier.accept(row);
    if (rows.length < VERIFY_BATCH) break;
    after = rows[rows.length - 1]!.seq;
  }
  const head = await em.findOne(AuditHead, { id: 1 }, { disableIdentityMap: true });
  return verifier.finish(head ? { seq: head.seq, hash: head.hash } : null);
}

/** Runs a change and its audit entries in one transaction: both are stored, or neither. */
export async function auditedTransaction<T>(
  em: EntityManager,
  viewer: Viewer,
  change: (em: EntityManager) => Promise<{ result: T; audit: AuditEvent[] }>,
  division?: string,
): Promise<T> {
  return em.transactional(async (tx) => {
    const { result, audit } = await change(tx);
    for (const event of audit) await appendAudit(tx, viewer, { ...(division ? { division } : {}), ...event });
    return result;
  });
}
