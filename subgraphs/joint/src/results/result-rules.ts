import { CHECK_METHODS, isCheckMethod } from '../../../../common/check-methods';
import { textProblem } from '../../../../common/text';
import type { FieldProblem as Problem } from '../../../../common/problems';
import { Disclosure, FollowUp, isViolation, OUTCOME_LABELS } from './outcomes';
import type { ResultInput } from './result.input';

export interface CleanResult {
  outcome: ResultInput['outcome'];
  findings: string | null;
  method: string;
  inspectedOn: string;
  followUp: FollowUp;
  referredTo: string | null;
  disclosure: Disclosure;
}

/** 司法机关 — where a suspected crime goes when no organ is named. */
export const JUDICIAL_ORGANS = '司法机关';

/**
 * The rules a recorded result must meet: an official method, a date between the
 * draw and today, findings whenever a problem was found, and a named authority
 * for every referral (移送).
 */
export function checkResult(input: ResultInput, window: { drawnOn: string; today: string }): { value: CleanResult | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const method = input.method.trim();
  if (!isCheckMethod(method))
    problems.push({ field: 'method', message: `检查方式 “${input.method}” 不是规定的方式之一：${CHECK_METHODS.join('、')} (unknown check method)` });
  if (input.inspectedOn < window.drawnOn)
    problems.push({ field: 'inspectedOn', message: `检查日期 ${input.inspectedOn} 早于抽取日期 ${window.drawnOn} (the inspection cannot predate the draw)` });
  if (input.inspectedOn > window.today)
    problems.push({ field: 'inspectedOn', message: `检查日期 ${input.inspectedOn} 晚于今天 ${window.today} (the inspection date cannot be in the future)` });
  const findings = input.findings?.trim() || null;
  if (findings) {
    const problem = textProblem(findings, { field: 'findings', label: '检查情况', max: 5000, multiline: true });
    if (problem) problems.push({ field: 'findings', message: problem });
  } else if (isViolation(input.outcome)) {
    problems.push({ field: 'findings', message: `结果为“${OUTCOME_LABELS[input.outcome]}”时须填写检查情况 (findings are required when a problem was found)` });
  }
  const followUp = input.followUp ?? FollowUp.NONE;
  let referredTo = input.referredTo?.trim() || null;
  if (referredTo) {
    const problem = textProblem(referredTo, { field: 'referredTo', label: '移送机关', max: 200 });
    if (problem) problems.push({ field: 'referredTo', message: problem });
  }
  if (followUp === FollowUp.REFERRED_TO_OTHER_AUTHORITY && !referredTo) {
    problems.push({ field: 'referredTo', message: '移送其他监管部门时须写明移送机关 (name the authority the case is referred to)' });
  }
  if (followUp === FollowUp.CRIMINAL_CASE) referredTo ??= JUDICIAL_ORGANS;
  if (followUp !== FollowUp.REFERRED_TO_OTHER_AUTHORITY && followUp !== FollowUp.CRIMINAL_CASE && referredTo) {
    problems.push({ field: 'referredTo', message: '只有移送案件才填写移送机关 (referredTo is only for referrals)' });
  }
  if (problems.length) return { value: null, problems };
  return {
    value: {
      outcome: input.outcome,
      findings,
      method,
      inspectedOn: input.inspectedOn,
      followUp,
      referredTo,
      disclosure: input.disclosure ?? Disclosure.PUBLIC,
    },
    problems,
  };
}
