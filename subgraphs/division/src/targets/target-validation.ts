import { describeUsccProblem, usccProblem } from '../../../../common/uscc';
import { LABEL_PATTERN } from '../../../../common/string-list.type';
import type { CodedProblem as FieldProblem } from '../../../../common/problems';
import { textProblem, type TextRule } from '../../../../common/text';
import { TargetKind, TargetStatus } from './target.entity';

export type { CodedProblem as FieldProblem } from '../../../../common/problems';

export interface TargetRow {
  uscc: string;
  name: string;
  kind: TargetKind;
  scope: string;
  address: string;
  categories: string[];
  status?: TargetStatus | null;
  allowInvalidUscc?: boolean | null;
}

export interface CleanTarget {
  uscc: string;
  name: string;
  kind: TargetKind;
  scope: string;
  address: string;
  categories: string[];
  status: TargetStatus | null;
  usccVerified: boolean;
}

const RULES: Record<'name' | 'scope' | 'address', TextRule> = {
  name: { field: 'name', label: '名称', max: 200 },
  scope: { field: 'scope', label: '经营范围', max: 2000, multiline: true },
  address: { field: 'address', label: '地址', max: 300 },
};

/** What a USCC must look like even when its check fails: 18 capital letters and digits. */
export const USCC_SHAPE = /^[0-9A-Z]{18}$/;

function usccProblems(row: TargetRow): { uscc: string; verified: boolean; problems: FieldProblem[] } {
  const uscc = row.uscc.trim().toUpperCase();
  const problem = usccProblem(uscc);
  if (!problem) return { uscc, verified: true, problems: [] };
  // An override exists for real registrations whose check character is wrong; it never admits a malformed key.
  if (row.allowInvalidUscc && USCC_SHAPE.test(uscc)) return { uscc, verified: false, problems: [] };
  return { uscc, verified: false, problems: [{ field: 'uscc', code: 'INVALID_USCC', message: describeUsccProblem(uscc, problem) }] };
}

/**
 * Checks a directory row against the rules a division clerk would apply; the
 * same checks serve `saveTarget`, `importTargets` and the spreadsheet import.
 */
export function checkTargetRow(row: TargetRow, knownCategories: ReadonlySet<string>): { value: CleanTarget | null; problems: FieldProblem[] } {
  const { uscc, verified, problems } = usccProblems(row);
  for (const key of ['name', 'scope', 'address'] as const) {
    const message = textProblem(row[key] ?? '', RULES[key]);
    if (message) problems.push({ field: key, code: row[key]?.trim() ? 'INVALID_TEXT' : 'REQUIRED', message });
  }
  if (!Object.values(TargetKind).includes(row.kind)) {
    problems.push({ field: 'kind', code: 'INVALID_VALUE', message: `类型 “${row.kind}” 无效 (kind must be one of ${Object.values(TargetKind).join(', ')})` });
  }
  if (row.status && !Object.values(TargetStatus).includes(row.status)) {
    problems.push({
      field: 'status',
      code: 'INVALID_VALUE',
      message: `状态 “${row.status}” 无效 (status must be one of ${Object.values(TargetStatus).join(', ')})`,
    });
  }
  const categories = [...new Set((row.categories ?? []).map((category) => category.trim()))];
  if (categories.length === 0) {
    problems.push({ field: 'categories', code: 'REQUIRED', message: '至少需要一个类别 (at least one category is required)' });
  }
  for (const category of categories) {
    if (!LABEL_PATTERN.test(category) || !knownCategories.has(category)) {
      problems.push({
        field: 'categories',
        code: 'UNKNOWN_CATEGORY',
        message: `类别 “${category}” 不在本部门抽查事项清单中 (category ${category} matches no item of this division; known: ${[...knownCategories].join('、') || 'none'})`,
      });
    }
  }
  if (problems.length > 0) return { value: null, problems };
  return {
    value: {
      uscc,
      name: row.name.trim(),
      kind: row.kind,
      scope: row.scope.trim(),
      address: row.address.trim(),
      categories: categories.sort(),
      status: row.status ?? null,
      usccVerified: verified,
    },
    problems,
  };
}
