import { registerEnumType } from 'type-graphql';
import { OUTCOME_LABELS, ResultOutcome } from './outcome-classes';

export { isViolation, OUTCOME_LABELS, outcomeClass, ResultOutcome, VIOLATION_OUTCOMES } from './outcome-classes';

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

/** What a published result shows of its findings: the findings, or in their place the legal ground for withholding them. */
export function disclosedFindings(findings: string | null, disclosure: Disclosure): { findings: string | null; withheldReason: string | null } {
  const reason = withheldReason(disclosure);
  return { findings: reason ? null : findings, withheldReason: reason };
}
