import { isIsoDate } from '../../common/dates';
import type { Cell } from './sheet';

/** A cell turned into the API's value, or why it cannot be. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(message: string): Parsed<T> => ({ ok: false, message });

function isoOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Text of a cell; dates as YYYY-MM-DD, whole numbers without exponent where JavaScript can. */
export function textOf(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return isoOf(cell);
  if (typeof cell === 'number' && Number.isInteger(cell) && Math.abs(cell) < 1e21) return cell.toLocaleString('en-US', { useGrouping: false });
  return String(cell).trim();
}

/** Several labels in one cell: 旅馆、印章刻制 — separated by 、 ， , ; ； or a line break. */
export function listOf(cell: Cell): string[] {
  return textOf(cell)
    .split(/[、，,;；\r\n]+/)
    .map((label) => label.trim())
    .filter((label) => label.length > 0);
}

// Excel counts days from 1899-12-30 (its 1900 leap-year bug included); 25569 is 1970-01-01.
const EXCEL_EPOCH_OFFSET = 25569;
const DATE_TEXT = [/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$/, /^(\d{4})年(\d{1,2})月(\d{1,2})日$/];

/** A date cell: an Excel date, an Excel day number, or text as YYYY-MM-DD, YYYY/M/D or YYYY年M月D日. */
export function dateOf(cell: Cell, label: string): Parsed<string> {
  const wrong = (shown: string) => bad<string>(`${label}“${shown}”不是有效日期，应为 YYYY-MM-DD 或 YYYY/M/D (not a valid date; use YYYY-MM-DD or YYYY/M/D)`);
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return bad(`${label}不能为空 (a date is required)`);
  // exceljs gives a date cell as that calendar day at 00:00 UTC.
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? wrong(String(cell)) : ok(isoOf(cell));
  if (typeof cell === 'number') {
    if (cell < 1 || cell > 2958465) return wrong(String(cell));
    return ok(isoOf(new Date(Math.round((Math.floor(cell) - EXCEL_EPOCH_OFFSET) * 86_400_000))));
  }
  const text = String(cell).trim();
  for (const pattern of DATE_TEXT) {
    const match = pattern.exec(text);
    if (!match) continue;
    const iso = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? ok(iso) : wrong(text);
  }
  return wrong(text);
}

/** Reads a cell against a table of accepted words (enum values and their Chinese names). */
export function choiceOf<T extends string>(cell: Cell, label: string, choices: Record<T, readonly string[]>): Parsed<T> {
  const text = textOf(cell);
  const wanted = text.replace(/\s/g, '').toUpperCase();
  for (const [value, words] of Object.entries(choices) as Array<[T, readonly string[]]>) {
    if (value === wanted || words.includes(text.replace(/\s/g, ''))) return ok(value);
  }
  const accepted = (Object.entries(choices) as Array<[T, readonly string[]]>).map(([value, words]) => `${words[0]} (${value})`).join('、');
  return bad(text === '' ? `${label}不能为空，可填：${accepted} (required)` : `${label}“${text}”无效，可填：${accepted} (not one of the accepted values)`);
}

export const TARGET_KINDS = {
  ENTERPRISE: ['企业', '公司'],
  INDIVIDUAL_BUSINESS: ['个体工商户', '个体户', '个体'],
  FARMER_COOPERATIVE: ['农民专业合作社', '合作社'],
  OTHER: ['其他', '其他检查对象'],
} as const;

export const TARGET_STATUSES = {
  ACTIVE: ['存续', '在业', '开业'],
  CLOSED: ['已关闭停业', '关闭', '停业', '歇业'],
  DEREGISTERED: ['注销', '已注销'],
  REVOKED: ['被吊销', '吊销', '已吊销'],
  MOVED_OUT: ['迁出', '已迁出'],
} as const;

/** 企业信用风险分类 as sheets write it: the letter, with or without 类, or the class's name. */
export const CREDIT_RISK_CLASSES = {
  A: ['A类', 'A级', '低风险', 'A类低风险', 'A低风险'],
  B: ['B类', 'B级', '一般风险', 'B类一般风险', 'B一般风险'],
  C: ['C类', 'C级', '较高风险', 'C类较高风险', 'C较高风险'],
  D: ['D类', 'D级', '高风险', 'D类高风险', 'D高风险'],
} as const;

export const YES_NO = {
  YES: ['是', '在岗', 'Y', 'YES', 'TRUE', '1'],
  NO: ['否', '不在岗', '离岗', 'N', 'NO', 'FALSE', '0'],
} as const;

/** An optional yes/no cell: empty leaves the server's default. */
export function flagOf(cell: Cell, label: string): Parsed<boolean | null> {
  if (typeof cell === 'boolean') return ok(cell);
  const text = textOf(cell);
  if (text === '') return ok(null);
  const parsed = choiceOf(text.toUpperCase(), label, YES_NO);
  return parsed.ok ? ok(parsed.value === 'YES') : parsed;
}
