/**
 * CSV as Excel and BI tools read it: RFC 4180 (CRLF line ends; a field with a
 * comma, quote, CR or LF is quoted, quotes doubled), UTF-8 with a byte-order mark
 * so Excel on a Chinese Windows opens it as UTF-8 rather than GBK.
 *
 * Text cells are also defused against formula injection (CWE-1236): a published
 * entity name or finding that starts with `=`, `+`, `-`, `@`, a tab or a CR would
 * otherwise run as a formula when an analyst opens the file, so it gets a leading
 * apostrophe. Numbers are written as numbers and left alone.
 */
export type CsvValue = string | number | boolean | null | undefined;

export const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A text value that a spreadsheet will show as text, never evaluate. */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field, quoted when RFC 4180 requires it. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = typeof value === 'boolean' ? (value ? '是' : '否') : defuseFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A whole file: BOM, header row, data rows. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  let out = BOM + csvRow(header);
  for (const row of rows) out += csvRow(row);
  return out;
}
