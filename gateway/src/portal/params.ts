import { DIVISION_CODE } from '../../../common/divisions';

/**
 * Query-string parameters of the portal and the exports, checked before any of
 * them reaches the API: a visitor who edits a URL gets a 400 that says which
 * parameter is wrong, not an error from deep inside.
 */
export class BadParameterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** Express gives a string, an array (repeated parameter) or undefined; only a single string counts. */
function single(value: unknown, parameter: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadParameterError(parameter, `参数 ${parameter} 只能出现一次 (${parameter} must be given once)`);
  return value;
}

/** A four-digit year between 2000 and 2100, or `fallback` when absent or empty. */
export function parseYear(value: unknown, fallback: number): number;
export function parseYear(value: unknown): number | undefined;
export function parseYear(value: unknown, fallback?: number): number | undefined {
  const text = single(value, 'year')?.trim();
  if (text === undefined || text === '') return fallback;
  if (!/^\d{4}$/.test(text) || Number(text) < MIN_YEAR || Number(text) > MAX_YEAR) {
    throw new BadParameterError('year', `年份应为 ${MIN_YEAR}–${MAX_YEAR} 之间的四位数字 (year must be a four-digit year from ${MIN_YEAR} to ${MAX_YEAR})`);
  }
  return Number(text);
}

/** An opaque page cursor as the API issues them (base64url), or undefined. */
export function parseCursor(value: unknown): string | undefined {
  const text = single(value, 'after');
  if (text === undefined || text === '') return undefined;
  if (text.length > 200 || !/^[A-Za-z0-9_-]+={0,2}$/.test(text)) throw new BadParameterError('after', '翻页参数无效 (the page cursor is not valid)');
  return text;
}

export const MAX_SEARCH_LENGTH = 50;

/** Search text: trimmed, cut to 50 characters (names and USCCs are shorter); undefined when empty. */
export function parseSearch(value: unknown): string | undefined {
  const text = single(value, 'q')?.trim();
  if (!text) return undefined;
  return [...text].slice(0, MAX_SEARCH_LENGTH).join('');
}

/** A division code as configured (`ZA`, `CRJ`), upper-cased; undefined when absent. */
export function parseDivision(value: unknown): string | undefined {
  const text = single(value, 'division')?.trim().toUpperCase();
  if (!text) return undefined;
  if (!DIVISION_CODE.test(text)) throw new BadParameterError('division', '部门代码无效，应如 ZA、CRJ (division must be a code such as ZA or CRJ)');
  return text;
}
