/**
 * CSV as Excel and BI tools read it: RFC 4180 (CRLF line ends; a field with a
 * comma, quote, CR or LF is quoted, quotes doubled), UTF-8 with a byte-order mark
 * so Excel on a Chinese Windows opens it as UTF-8 rather than GBK.
 *
 * Text cells are also defused against formula injection (CWE-1236): a published
 * entity name or finding that starts with `=`, `+`, `-`, `@`, a tab or a CR would
 * otherwise run as a formula when an analyst opens the file, so it gets a leading
 * apostrophe. Numbers are written as numbers and left alone.
 *
 * Codes made of digits — an all-numeric 统一社会信用代码 such as 914110001234567890 —
 * are another trap: Excel and WPS read them as numbers, show 9.14110E+17 and keep
 * only 15 significant digits, so the code is lost once the file is saved. A code
 * cell is therefore the formula ="914110001234567890" (RFC 4180-quoted in the
 * file): both evaluate it to the text inside with every digit, the form widely
 * documented for text Excel must not convert. It is safe: only codes of letters,
 * digits and hyphens are wrapped, so nothing but the code can be inside. The
 * alternatives do not hold: a leading apostrophe shows literally when a CSV is
 * opened; a tab before or after the code stays in the cell as an invisible
 * character that breaks lookups, and a leading one is itself a formula trigger
 * some spreadsheets strip first (OWASP's CSV-injection list). Every code in the
 * column gets the same form, so a BI tool strips `="` and `"` once for all rows,
 * or reads /export/results.xlsx, whose code cells are plain text cells.
 */
export type CsvValue = string | number | boolean | null | undefined | CodeCell;

/** An identifier a spreadsheet must keep as text, e.g. a USCC. */
export interface CodeCell {
  code: string;
}

export function codeCell(code: string): CodeCell {
  return { code };
}

const SAFE_CODE = /^[0-9A-Za-z-]{1,64}$/;

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
  if (typeof value === 'object') return SAFE_CODE.test(value.code) ? `"=""${value.code}"""` : csvField(value.code);
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
