import { auditedTransaction, type AuditEvent } from '../../../common/audit/audit-log';
import type { DivisionContext } from './context';

/** The moment of a change, as stored (ISO 8601, UTC). */
export function now(): string {
  return new Date().toISOString();
}

/** Runs a change and its audit entries in one transaction: both are stored, or neither. */
export async function changeWithAudit<T>(
  context: DivisionContext,
  change: (em: DivisionContext['em']) => Promise<{ result: T; audit: AuditEvent[] }>,
): Promise<T> {
  return auditedTransaction(context.em, context.viewer, change, context.division.code);
}

export { problemsError } from '../../../common/problems';
