import { Type } from '@mikro-orm/core';
import { escapeLike } from './text';

/** The labels of a list as stored (`|旅馆|印章刻制|` → ['旅馆', '印章刻制']). */
export function parseStringList(stored: string): string[] {
  return stored.split('|').filter((label) => label.length > 0);
}

/**
 * A short list of labels (categories, expertise) stored as `|a|b|` text, so both
 * SQLite and PostgreSQL can filter it with a plain `LIKE '%|a|%'`.
 */
export class StringListType extends Type<string[], string> {
  override convertToDatabaseValue(value: string[] | string): string {
    if (typeof value === 'string') return value;
    return `|${value.join('|')}|`;
  }

  override convertToJSValue(value: string | string[]): string[] {
    if (Array.isArray(value)) return value;
    return parseStringList(value);
  }

  override getColumnType(): string {
    return 'text';
  }

  override compareAsType(): string {
    return 'string';
  }
}

/** Labels may not contain the separator or LIKE wildcards. */
export const LABEL_PATTERN = /^[^|%_\\]+$/;

/**
 * The LIKE pattern (escape `\`, see `common/like.ts`) that finds rows whose list
 * contains `label`. A label given by a client may hold wildcards or the
 * separator; escaped, it then matches nothing instead of everything.
 */
export function listContains(label: string): string {
  return `%|${escapeLike(label)}|%`;
}
