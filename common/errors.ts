import { GraphQLError } from 'graphql';

/**
 * Stable error codes. Clients and scripts switch on `extensions.code`, so these
 * names are part of the public contract; messages are for people.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'INVALID_USCC'
  | 'UNKNOWN_DIVISION'
  | 'UNKNOWN_ITEM'
  | 'INACTIVE_ITEM'
  | 'DIVISION_UNAVAILABLE'
  | 'TASK_NOT_COMMITTED'
  | 'TASK_NOT_DRAFT'
  | 'TASK_CANCELLED'
  | 'CANCELLATION_REQUESTED'
  | 'NO_CANCELLATION_REQUESTED'
  | 'SAME_PERSON'
  | 'MISSING_BASIS'
  | 'ALREADY_DRAWN'
  | 'NOT_ENOUGH_INSPECTORS'
  | 'EMPTY_POOL'
  | 'INVALID_CLASS_RATIOS'
  | 'BEACON_NOT_DECLARED'
  | 'BAD_BEACON_DATE'
  | 'BEACON_NOT_DUE'
  | 'POOL_EXPIRED'
  | 'TASK_NOT_DRAWN'
  | 'RESULTS_INCOMPLETE'
  | 'RESULTS_NOT_REVIEWED'
  | 'NO_REVIEW_PENDING'
  | 'AMENDMENT_PENDING'
  | 'AMENDMENT_UNCHANGED'
  | 'TASK_NOT_PUBLISHED'
  | 'ALREADY_PUBLISHED'
  | 'CONFLICT';

export function domainError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export function badInput(message: string, field?: string, extra: Record<string, unknown> = {}): GraphQLError {
  return domainError('BAD_USER_INPUT', message, field ? { field, ...extra } : extra);
}

export function forbidden(message = '无权执行此操作 (you are not allowed to do this)'): GraphQLError {
  return domainError('FORBIDDEN', message);
}

export function unauthenticated(message = '请先登录 (sign in first: this needs a valid token)'): GraphQLError {
  return domainError('UNAUTHENTICATED', message);
}
