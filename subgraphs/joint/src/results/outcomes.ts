import { registerEnumType } from 'type-graphql';

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

registerEnumType(ResultOutcome, {
  name: 'ResultOutcome',
  description: '检查结果类型',
  valuesConfig: Object.fromEntries(Object.entries(OUTCOME_LABELS).map(([value, label]) => [value, { description: label }])),
});

/** 后续处理 */
export enum FollowUp {
  NONE = 'NONE',
  PENALTY = 'PENALTY',
  CRIMINAL_CASE = 'CRIMINAL_CASE',
  REFERRED_TO_OTHER_AUTHORITY = 'REFERRED_TO_OTHER_AUTHORITY',
  OTHER = 'OTHER',
}
registerEnumType(FollowUp, {
  name: 'FollowUp',
  valuesConfig: {
    NONE: { description: '无' },
    PENALTY: { description: '行政处罚' },
    CRIMINAL_CASE: { description: '涉嫌犯罪，移送司法机关' },
    REFERRED_TO_OTHER_AUTHORITY: { description: '移送其他监管部门' },
    OTHER: { description: '其他' },
  },
});

/** 公示范围 — whether a result's findings may be published. */
export enum Disclosure {
  PUBLIC = 'PUBLIC',
  STATE_SECRET = 'STATE_SECRET',
  TRADE_SECRET = 'TRADE_SECRET',
  PERSONAL_PRIVACY = 'PERSONAL_PRIVACY',
}
registerEnumType(Disclosure, {
  name: 'Disclosure',
  valuesConfig: {
    PUBLIC: { description: '公开' },
    STATE_SECRET: { description: '涉及国家秘密，不予公示' },
    TRADE_SECRET: { description: '涉及商业秘密，不予公示' },
    PERSONAL_PRIVACY: { description: '涉及个人隐私，不予公示' },
  },
});

/** The legal ground shown to the public instead of withheld findings. */
export const WITHHELD_REASONS: Record<Exclude<Disclosure, Disclosure.PUBLIC>, string> = {
  STATE_SECRET: '涉及国家秘密，依法不予公开（《中华人民共和国保守国家秘密法》）',
  TRADE_SECRET: '涉及商业秘密，依法不予公开（《中华人民共和国政府信息公开条例》第十五条）',
  PERSONAL_PRIVACY: '涉及个人隐私，依法不予公开（《中华人民共和国政府信息公开条例》第十五条）',
};

export function withheldReason(disclosure: Disclosure): string | null {
  return disclosure === Disclosure.PUBLIC ? null : WITHHELD_REASONS[disclosure];
}
