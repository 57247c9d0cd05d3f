import { badInput } from './errors';

// C0/C1 controls and the bidirectional overrides that can disguise text (e.g. a reversed name in a published result).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\ufeff]/u;

export interface TextRule {
  field: string;
  label: string;
  max: number;
  required?: boolean;
  multiline?: boolean;
}

/** Why a text value is not acceptable, or null. Line breaks are allowed only where `multiline` says so. */
export function textProblem(value: string, rule: TextRule): string | null {
  const trimmed = value.trim();
  if (rule.required !== false && trimmed.length === 0) return `${rule.label}不能为空 (${rule.field} is required)`;
  if ([...trimmed].length > rule.max) return `${rule.label}不能超过${rule.max}个字符 (${rule.field} is longer than ${rule.max} characters)`;
  const checked = rule.multiline ? trimmed.replace(/\r?\n/g, ' ') : trimmed;
  if (FORBIDDEN_CHARACTERS.test(checked)) return `${rule.label}含有不可见的控制字符 (${rule.field} contains control or bidirectional characters)`;
  return null;
}

/** The trimmed value, or a BAD_USER_INPUT error naming the field. */
export function cleanText(value: string, rule: TextRule): string {
  const problem = textProblem(value, rule);
  if (problem) throw badInput(problem, rule.field);
  return value.trim();
}

export function cleanOptionalText(value: string | null | undefined, rule: TextRule): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return cleanText(value, { ...rule, required: true });
}

/** A search or filter text as typed: at most 100 characters, no control characters; blank means no filter. */
export function cleanFilterText(value: string | null | undefined, field = 'search', label = '搜索内容'): string | null {
  return cleanOptionalText(value, { field, label, max: 100 });
}

/**
 * Whether a value asked for by a client could be a stored key. Stored text never
 * holds U+0000 (see `textProblem`), and the ORM writes values into its SQL
 * text, where a NUL ends the statement: such a key is answered "not found"
 * without asking the database.
 */
export function couldBeStoredKey(value: string): boolean {
  return !value.includes('\u0000');
}
