import { GraphQLError } from 'graphql';
import { auditedTransaction, type AuditEvent } from '../../../common/audit/audit-log';
import { badInput, domainError } from '../../../common/errors';
import type { DivisionContext } from './context';
import type { FieldProblem } from './targets/target-validation';

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

/** The first problem as a GraphQL error (INVALID_USCC keeps its own code); all problems ride along in extensions. */
export function problemsError(problems: FieldProblem[]): GraphQLError {
  const first = problems[0]!;
  const extra = { problems };
  if (first.code === 'INVALID_USCC') return domainError('INVALID_USCC', first.message, { field: first.field, ...extra });
  return badInput(problems.map((problem) => problem.message).join('；'), first.field ?? undefined, extra);
}
