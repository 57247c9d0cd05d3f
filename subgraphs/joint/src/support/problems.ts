import type { GraphQLError } from 'graphql';
import { badInput, domainError } from '../../../../common/errors';

export interface Problem {
  field: string;
  message: string;
  code?: 'INVALID_USCC';
}

/** All problems of an input in one error; its code is INVALID_USCC when that is the first problem. */
export function problemsError(problems: Problem[]): GraphQLError {
  const first = problems[0]!;
  const message = problems.map((problem) => problem.message).join('；');
  if (first.code === 'INVALID_USCC') return domainError('INVALID_USCC', message, { field: first.field, problems });
  return badInput(message, first.field, { problems });
}
