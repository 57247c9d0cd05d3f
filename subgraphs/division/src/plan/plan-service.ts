import { domainError } from '../../../../common/errors';
import { textProblem } from '../../../../common/text';
import { assertDivisionAdmin } from '../access';
import { CheckItem } from '../checklist/check-item.entity';
import type { DivisionContext } from '../context';
import { fieldChanges } from '../../../../common/audit/audit-chain';
import { changeWithAudit, now, problemsError } from '../mutation-support';
import type { CodedProblem as FieldProblem } from '../../../../common/problems';
import { PlanEntry } from './plan-entry.entity';
import type { PlanEntryInput } from './plan-entry.input';

function planProblems(input: PlanEntryInput, itemCodes: Set<string>, categories: Set<string>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) {
    problems.push({ field: 'year', code: 'BAD_USER_INPUT', message: `年度 ${input.year} 无效 (year must be 2000–2100)` });
  }
  for (const [field, label, max] of [
    ['name', '抽查名称', 200],
    ['authority', '检查机关', 200],
  ] as const) {
    const message = textProblem(input[field], { field, label, max });
    if (message) problems.push({ field, code: 'BAD_USER_INPUT', message });
  }
  if (input.items.length === 0) problems.push({ field: 'items', code: 'BAD_USER_INPUT', message: '至少需要一个抽查事项 (name at least one item)' });
  for (const code of input.items) {
    if (!itemCodes.has(code))
      problems.push({ field: 'items', code: 'UNKNOWN_ITEM', message: `抽查事项 ${code} 不存在 (no item ${code} in this division's list)` });
  }
  if (!categories.has(input.targetCategory.trim())) {
    problems.push({
      field: 'targetCategory',
      code: 'BAD_USER_INPUT',
      message: `抽查对象 “${input.targetCategory}” 不在本部门清单中 (no item of this division targets ${input.targetCategory})`,
    });
  }
  if (!Number.isInteger(input.ratioBp) || input.ratioBp < 1 || input.ratioBp > 10000) {
    problems.push({ field: 'ratioBp', code: 'BAD_USER_INPUT', message: `抽查比例应在 1 到 10000 个基点之间 (ratioBp must be 1–10000)` });
  }
  if (input.periodEnd < input.periodStart) {
    problems.push({
      field: 'periodEnd',
      code: 'BAD_USER_INPUT',
      message: `检查期限结束日 ${input.periodEnd} 早于开始日 ${input.periodStart} (the period ends before it starts)`,
    });
  }
  if (input.periodStart.slice(0, 4) !== String(input.year)) {
    problems.push({
      field: 'periodStart',
      code: 'BAD_USER_INPUT',
      message: `检查期限应从 ${input.year} 年内开始 (the period must start within the plan year)`,
    });
  }
  return problems;
}

/** What an update's audit entry compares. */
const PLAN_AUDITED_FIELDS = ['year', 'name', 'items', 'targetCategory', 'ratioBp', 'periodStart', 'periodEnd', 'authority'] as const;

/** 年度抽查计划 — creates an entry, or updates the one named by id. */
export async function savePlanEntry(context: DivisionContext, division: string, input: PlanEntryInput): Promise<PlanEntry> {
  assertDivisionAdmin(context.viewer, division);
  const items = await context.em.find(CheckItem, {});
  const problems = planProblems(input, new Set(items.map((item) => item.code)), new Set(items.map((item) => item.targetCategory)));
  if (problems.length) throw problemsError(problems);
  return changeWithAudit(context, async (em) => {
    let existing: PlanEntry | null = null;
    if (input.id) {
      existing = await em.findOne(PlanEntry, { id: Number(input.id) || -1 });
      if (!existing) throw domainError('NOT_FOUND', `计划条目 ${input.id} 不存在 (no plan entry ${input.id})`, { field: 'id' });
    }
    const values = {
      division,
      year: input.year,
      name: input.name.trim(),
      items: [...new Set(input.items)].sort(),
      targetCategory: input.targetCategory.trim(),
      ratioBp: input.ratioBp,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      authority: input.authority.trim(),
      updatedAt: now(),
    };
    const changes = existing ? fieldChanges(existing, values, PLAN_AUDITED_FIELDS) : [];
    const entry = existing ? em.assign(existing, values) : em.create(PlanEntry, values);
    em.persist(entry);
    await em.flush();
    return { result: entry, audit: [{ action: existing ? 'updatePlanEntry' : 'createPlanEntry', subject: `plan:${entry.id}`, input, changes }] };
  });
}
