import { isCheckMethod, CHECK_METHODS } from '../../../../common/check-methods';
import { LABEL_PATTERN } from '../../../../common/string-list.type';
import { textProblem } from '../../../../common/text';
import { assertDivisionAdmin } from '../access';
import type { DivisionContext } from '../context';
import { fieldChanges } from '../../../../common/audit/audit-chain';
import { changeWithAudit, now, problemsError } from '../mutation-support';
import type { CodedProblem as FieldProblem } from '../../../../common/problems';
import { CheckItem } from './check-item.entity';
import type { CheckItemInput } from './check-item.input';

export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,31}$/;

/**
 * An item's code starts with its division's code (ZA-001 is 治安's): tasks, results
 * and publications name items by code, and a WA-… item in 治安's list would read as
 * 网安's everywhere it appears.
 */
export function checkItemProblems(division: string, input: CheckItemInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const text = (field: keyof CheckItemInput, label: string, max: number, multiline = false) => {
    const message = textProblem(String(input[field] ?? ''), { field, label, max, multiline });
    if (message) problems.push({ field, code: 'BAD_USER_INPUT', message });
  };
  if (!CODE_PATTERN.test(input.code)) {
    problems.push({
      field: 'code',
      code: 'BAD_USER_INPUT',
      message: `事项编码 “${input.code}” 无效，应为大写字母、数字和连字符，如 ${division}-001 (code must look like ${division}-001)`,
    });
  } else if (!input.code.startsWith(`${division}-`) || input.code.length === division.length + 1) {
    problems.push({
      field: 'code',
      code: 'BAD_USER_INPUT',
      message: `事项编码 “${input.code}” 应以本部门代码 ${division}- 开头，如 ${division}-001 (an item code starts with its division's code, e.g. ${division}-001)`,
    });
  }
  text('name', '事项名称', 200);
  text('basis', '抽查依据', 2000, true);
  text('subject', '抽查主体', 200);
  text('targetCategory', '抽查对象', 100);
  text('content', '抽查内容', 2000, true);
  if (!LABEL_PATTERN.test(input.targetCategory.trim())) {
    problems.push({ field: 'targetCategory', code: 'BAD_USER_INPUT', message: '抽查对象不能包含 | % _ \\ (targetCategory may not contain | % _ \\)' });
  }
  if (!Number.isInteger(input.ratioBp) || input.ratioBp < 0 || input.ratioBp > 10000) {
    problems.push({
      field: 'ratioBp',
      code: 'BAD_USER_INPUT',
      message: `抽查比例应在 0 到 10000 个基点之间，收到 ${input.ratioBp} (ratioBp must be 0–10000 basis points)`,
    });
  }
  if (!Number.isInteger(input.timesPerYear) || input.timesPerYear < 1 || input.timesPerYear > 366) {
    problems.push({
      field: 'timesPerYear',
      code: 'BAD_USER_INPUT',
      message: `抽查频次应在 1 到 366 次之间，收到 ${input.timesPerYear} (timesPerYear must be 1–366)`,
    });
  }
  if (!isCheckMethod(input.method.trim())) {
    problems.push({
      field: 'method',
      code: 'BAD_USER_INPUT',
      message: `抽查方式 “${input.method}” 不是规定的方式之一：${CHECK_METHODS.join('、')} (unknown check method)`,
    });
  }
  const expertise = input.requiredExpertise?.trim();
  if (expertise && (!LABEL_PATTERN.test(expertise) || expertise.length > 100)) {
    problems.push({ field: 'requiredExpertise', code: 'BAD_USER_INPUT', message: '业务专长名称无效 (requiredExpertise is not a valid label)' });
  }
  return problems;
}

/** What an update's audit entry compares. */
const ITEM_AUDITED_FIELDS = [
  'name',
  'basis',
  'subject',
  'targetCategory',
  'ratioBp',
  'timesPerYear',
  'method',
  'content',
  'requiredExpertise',
  'active',
] as const;

/** 保存抽查事项 — creates or updates an item; items are withdrawn with `active: false`, never deleted. */
export async function saveCheckItem(context: DivisionContext, division: string, input: CheckItemInput): Promise<CheckItem> {
  assertDivisionAdmin(context.viewer, division);
  const problems = checkItemProblems(division, input);
  if (problems.length) throw problemsError(problems);
  return changeWithAudit(context, async (em) => {
    const existing = await em.findOne(CheckItem, { code: input.code });
    const values = {
      division,
      code: input.code,
      name: input.name.trim(),
      basis: input.basis.trim(),
      subject: input.subject.trim(),
      targetCategory: input.targetCategory.trim(),
      ratioBp: input.ratioBp,
      timesPerYear: input.timesPerYear,
      method: input.method.trim(),
      content: input.content.trim(),
      requiredExpertise: input.requiredExpertise?.trim() || null,
      active: input.active ?? existing?.active ?? true,
      updatedAt: now(),
    };
    const changes = existing ? fieldChanges(existing, values, ITEM_AUDITED_FIELDS) : [];
    const item = existing ? em.assign(existing, values) : em.create(CheckItem, values);
    em.persist(item);
    return { result: item, audit: [{ action: existing ? 'updateCheckItem' : 'createCheckItem', subject: `item:${input.code}`, input, changes }] };
  });
}

/** Categories the division's items name: a directory entry must carry one of them. */
export async function knownCategories(em: DivisionContext['em']): Promise<Set<string>> {
  const items = await em.find(CheckItem, {});
  return new Set(items.map((item) => item.targetCategory));
}
