/**
 * Calendar dates as the bureau writes them: `YYYY-MM-DD`, no time, no zone.
 * "Today" is the date in Asia/Shanghai, whatever zone the server runs in.
 *
 * Instants are stored as ISO 8601 in UTC (`2026-12-01T18:08:00.000Z`: the audit
 * chain hashes them as stored) and shown everywhere — API, portal, exports,
 * commands — in Shanghai time with its offset (`2026-12-02T02:08:00+08:00`),
 * through `shanghaiTimestamp`, so an instant and the dates beside it never fall
 * on different days.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in `YYYY-MM-DD` form (2026-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The date in Asia/Shanghai (UTC+8, no daylight saving) at the given instant. */
export function shanghaiDate(at: Date = new Date()): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/**
 * An instant as the bureau reads it: `2026-12-01T18:08:00.000Z` →
 * `2026-12-02T02:08:00+08:00` (to the second, or `2026-12-02T02:08:00.000+08:00`
 * to the millisecond where the exact stored instant matters). Accepts any ISO 8601 instant, with
 * Z or an offset; anything unparsable is returned as given.
 */
export function shanghaiTimestamp(instant: string | Date, precision: 'seconds' | 'milliseconds' = 'seconds'): string {
  const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(time)) return String(instant);
  return `${new Date(time + SHANGHAI_OFFSET_MS).toISOString().slice(0, precision === 'seconds' ? 19 : 23)}+08:00`;
}

/** The date `days` days after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The date `months` calendar months after `date`, clamped to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = daysInMonth(first.getUTCFullYear(), first.getUTCMonth() + 1);
  first.setUTCDate(Math.min(day, last));
  return first.toISOString().slice(0, 10);
}

/** ISO weekday: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
