/*
 * The outcome categories and their classes, free of GraphQL so that the portal
 * (in the gateway) reads them from here instead of restating them.
 */

/** 检查结果类型 — the official outcome categories of a random inspection. */
export enum ResultOutcome {
  NO_ISSUES_FOUND = 'NO_ISSUES_FOUND',
  INFO_NOT_PUBLISHED_AS_REQUIRED = 'INFO_NOT_PUBLISHED_AS_REQUIRED',
  PUBLISHED_INFO_FALSIFIED = 'PUBLISHED_INFO_FALSIFIED',
  UNREACHABLE_AT_REGISTERED_ADDRESS = 'UNREACHABLE_AT_REGISTERED_ADDRESS',
  ISSUES_RECTIFIED_ON_ORDER = 'ISSUES_RECTIFIED_ON_ORDER',
  REFUSED_INSPECTION = 'REFUSED_INSPECTION',
  NO_RELEVANT_ACTIVITY = 'NO_RELEVANT_ACTIVITY',
  ISSUES_PENDING_FOLLOW_UP = 'ISSUES_PENDING_FOLLOW_UP',
  CLOSED_OR_LIQUIDATING = 'CLOSED_OR_LIQUIDATING',
  DEREGISTERED = 'DEREGISTERED',
  REVOKED = 'REVOKED',
  MOVED_OUT = 'MOVED_OUT',
}

export const OUTCOME_LABELS: Record<ResultOutcome, string> = {
  NO_ISSUES_FOUND: '未发现问题',
  INFO_NOT_PUBLISHED_AS_REQUIRED: '未按规定公示应当公示的信息',
  PUBLISHED_INFO_FALSIFIED: '公示信息隐瞒真实情况弄虚作假',
  UNREACHABLE_AT_REGISTERED_ADDRESS: '通过登记的住所(经营场所)无法联系',
  ISSUES_RECTIFIED_ON_ORDER: '发现问题已责令改正',
  REFUSED_INSPECTION: '不配合检查情节严重',
  NO_RELEVANT_ACTIVITY: '未发现开展本次抽查涉及的经营活动',
  ISSUES_PENDING_FOLLOW_UP: '发现问题待后续处理',
  CLOSED_OR_LIQUIDATING: '已关闭停业或正在组织清算',
  DEREGISTERED: '注销',
  REVOKED: '被吊销',
  MOVED_OUT: '迁出',
};

/** Outcomes that show a violation: they raise the entity's risk in later draws (rule 4). */
export const VIOLATION_OUTCOMES: ReadonlySet<ResultOutcome> = new Set([
  ResultOutcome.INFO_NOT_PUBLISHED_AS_REQUIRED,
  ResultOutcome.PUBLISHED_INFO_FALSIFIED,
  ResultOutcome.UNREACHABLE_AT_REGISTERED_ADDRESS,
  ResultOutcome.ISSUES_RECTIFIED_ON_ORDER,
  ResultOutcome.REFUSED_INSPECTION,
  ResultOutcome.ISSUES_PENDING_FOLLOW_UP,
]);

export function isViolation(outcome: ResultOutcome): boolean {
  return VIOLATION_OUTCOMES.has(outcome);
}

/** Outcomes that end the entity's activity: it is closed, struck off or gone. */
export const CLOSURE_OUTCOMES: ReadonlySet<ResultOutcome> = new Set([
  ResultOutcome.CLOSED_OR_LIQUIDATING,
  ResultOutcome.DEREGISTERED,
  ResultOutcome.REVOKED,
  ResultOutcome.MOVED_OUT,
]);

/** The class of an outcome, as the portal colours it: a violation (rule 4), a closure, or clean. */
export function outcomeClass(outcome: string): 'violation' | 'closed' | 'clean' {
  if (VIOLATION_OUTCOMES.has(outcome as ResultOutcome)) return 'violation';
  if (CLOSURE_OUTCOMES.has(outcome as ResultOutcome)) return 'closed';
  return 'clean';
}
