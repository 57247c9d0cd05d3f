import type { GraphQLError } from 'graphql';
import { badInput, domainError } from './errors';

/** What is wrong with one field of an input (a null field: the input as a whole). */
export interface FieldProblem {
  field: string | null;
  /** A code of its own, when the problem has one a client switches on (INVALID_USCC); otherwise the input is BAD_USER_INPUT. */
  code?: string;
  message: string;
}

/**
 * Every problem of an input in one error, so a coordinator fixes them all at once:
 * the messages joined, all problems in `extensions.problems`. Its code is
 * INVALID_USCC when that is the first problem, BAD_USER_INPUT otherwise.
 */
export function problemsError(problems: readonly FieldProblem[]): GraphQLError {
  const first = problems[0]!;
  const message = problems.map((problem) => problem.message).join('；');
  if (first.code === 'INVALID_USCC' || first.code === 'INVALID_CLASS_RATIOS') return domainError(first.code, message, { field: first.field, problems });
  return badInput(message, first.field ?? undefined, { problems });
}

/** A problem that always names its code, as a division's import answers list them row by row. */
export type CodedProblem = FieldProblem & { code: string };
