import { badInput } from './errors';

/**
 * Characters no single-line text may hold: controls (C0, C1), format characters
 * (bidirectional embeddings, overrides, isolates and marks, zero-width spaces and
 * joiners, the byte-order mark, tag characters), lone surrogates, line and
 * paragraph separators, and every other code point Unicode marks as invisible
 * (Default_Ignorable_Code_Point: soft hyphen, variation selectors, Hangul fillers
 * …). Any of them can make a published name read differently from what is stored,
 * or hide text entirely. Private-use characters stay allowed: legacy systems
 * carry rare Han characters (生僻字) there.
 */
const SINGLE_LINE_FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}\u2028\u2029]/u;

/** Multi-line text additionally allows line feeds and carriage returns, nothing else of the set above. */
const LINE_BREAKS = /\r\n?|\n/g;

/** The widest any text argument may be, whatever the field: domain rules are narrower where they exist. */
export const MAX_SINGLE_LINE_CHARACTERS = 1000;
export const MAX_MULTI_LINE_CHARACTERS = 10_000;

/** Whether `value` holds a character text of its kind may not hold; NUL and the rest of the set above. */
export function hasForbiddenCharacter(value: string, multiline = false): boolean {
  return SINGLE_LINE_FORBIDDEN.test(multiline ? value.replace(LINE_BREAKS, ' ') : value);
}

/** The first forbidden character of `value`, as `U+XXXX`, for messages. */
export function firstForbiddenCharacter(value: string, multiline = false): string | null {
  const match = SINGLE_LINE_FORBIDDEN.exec(multiline ? value.replace(LINE_BREAKS, ' ') : value);
  return match ? `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/**
 * The one rule every text argument meets before any resolver sees it (see
 * `common/argument-guard.ts`): no forbidden character, and not longer than any
 * field of its kind may be. `path` names the argument (`input.items[0].code`).
 */
export function argumentTextProblem(value: string, path: string, multiline: boolean): string | null {
  const character = firstForbiddenCharacter(value, multiline);
  if (character) {
    return multiline
      ? `参数含有控制字符或不可见字符 ${character} (${path} contains the control or invisible character ${character})`
      : `参数含有换行、控制字符或不可见字符 ${character} (${path} contains the line break, control or invisible character ${character})`;
  }
  const max = multiline ? MAX_MULTI_LINE_CHARACTERS : MAX_SINGLE_LINE_CHARACTERS;
  if (value.length > max && [...value].length > max) return `参数超过 ${max} 个字符 (${path} is longer than ${max} characters)`;
  return null;
}

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
  if (hasForbiddenCharacter(trimmed, rule.multiline)) return `${rule.label}含有不可见的控制字符 (${rule.field} contains control or invisible characters)`;
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

/** The escape character of every LIKE pattern this system builds (`LIKE ? ESCAPE '\'`). */
export const LIKE_ESCAPE = '\\';

/** `text` with LIKE's wildcards and the escape character itself taken literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `${LIKE_ESCAPE}${character}`);
}

/** A LIKE pattern matching values that contain `text`. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** A LIKE pattern matching values that start with `text`. */
export function prefixPattern(text: string): string {
  return `${escapeLike(text)}%`;
}
