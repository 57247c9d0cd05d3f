import { isIsoDate } from '../../../../common/dates';
import type { CodedProblem } from '../../../../common/problems';
import { textProblem, type TextRule } from '../../../../common/text';
import { describeUsccProblem, usccProblem } from '../../../../common/uscc';
import { CreditRiskClass } from './credit-risk-class';

/** One assessment as `setCreditClass`, `importCreditClasses` and the spreadsheet import take it. */
export interface CreditClassDraft {
  uscc: string;
  riskClass: string;
  source: string;
  assessedOn: string;
}

export interface CleanCreditClass {
  uscc: string;
  riskClass: CreditRiskClass;
  source: string;
  assessedOn: string;
}

export const CREDIT_CLASS_SOURCE_RULE: TextRule = { field: 'source', label: '分类来源', max: 200 };

const CLASSES = new Set<string>(Object.values(CreditRiskClass));

/**
 * The rules every assessment meets wherever it comes from: a USCC with a valid
 * check character, one of the four classes, a source of 1–200 characters on one
 * line, and a real date that is not after `today` (an assessment cannot be
 * dated in the future: it would take effect for draws before it existed).
 */
export function checkCreditClassRow(draft: CreditClassDraft, today: string): { value: CleanCreditClass | null; problems: CodedProblem[] } {
  const problems: CodedProblem[] = [];
  const uscc = draft.uscc.trim().toUpperCase();
  const usccIssue = usccProblem(uscc);
  if (usccIssue) problems.push({ field: 'uscc', code: 'INVALID_USCC', message: describeUsccProblem(uscc, usccIssue) });
  const riskClass = draft.riskClass.trim().toUpperCase();
  if (!CLASSES.has(riskClass))
    problems.push({
      field: 'riskClass',
      code: 'BAD_USER_INPUT',
      message: `信用风险分类“${draft.riskClass}”无效，应为 A、B、C 或 D (the credit-risk class must be A, B, C or D)`,
    });
  const sourceIssue = textProblem(draft.source, CREDIT_CLASS_SOURCE_RULE);
  if (sourceIssue) problems.push({ field: 'source', code: 'BAD_USER_INPUT', message: sourceIssue });
  if (!isIsoDate(draft.assessedOn))
    problems.push({ field: 'assessedOn', code: 'BAD_USER_INPUT', message: `分类日期“${draft.assessedOn}”不是有效日期 (assessedOn must be a date YYYY-MM-DD)` });
  else if (draft.assessedOn > today)
    problems.push({
      field: 'assessedOn',
      code: 'BAD_USER_INPUT',
      message: `分类日期 ${draft.assessedOn} 不能晚于今天 ${today} (assessedOn cannot be in the future)`,
    });
  if (problems.length > 0) return { value: null, problems };
  return { value: { uscc, riskClass: riskClass as CreditRiskClass, source: draft.source.trim(), assessedOn: draft.assessedOn }, problems };
}
