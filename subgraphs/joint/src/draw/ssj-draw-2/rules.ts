/**
 * The value rules of SSJ-DRAW-2 (docs/draw-algorithm.md §12): what an identifier, a date, a
 * beacon value and a beacon source may be. They are part of the algorithm, so they live here
 * and not in the application's input rules (which may be stricter, never looser).
 */

export const TASK_ID = /^[A-Z0-9][A-Z0-9-]{0,31}$/;
export const DIVISION_CODE = /^[A-Z][A-Z0-9]{1,7}$/;
export const INSPECTOR_ID = /^[A-Z0-9][A-Z0-9-]{0,31}$/;
export const USCC = /^[0-9A-Z]{18}$/;

/** §4 — the beacon value: printable ASCII words separated by single spaces, 1–200 characters. */
const BEACON_VALUE = /^[\x21-\x7e]+( [\x21-\x7e]+)*$/;
export const MAX_TEXT = 200;

/** §12 — characters no text of a record may hold: controls, bidirectional and invisible formatting, line separators. */
// eslint-disable-next-line no-control-regex -- the controls are what this finds
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/** Days in the pool's life: no beacon date and no draw later than this many days after `asOf`. */
export const POOL_LIFETIME_DAYS = 30;

export function beaconValueProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'the beacon must be a string';
  if (value.length === 0 || value.length > MAX_TEXT) return `the beacon must have 1–${MAX_TEXT} characters`;
  if (!BEACON_VALUE.test(value)) return 'the beacon must be printable ASCII words separated by single spaces, without leading or trailing spaces';
  return null;
}

export function beaconSourceProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'the beacon source must be a string';
  const length = [...value].length;
  if (length === 0 || length > MAX_TEXT) return `the beacon source must have 1–${MAX_TEXT} characters`;
  if (value.trim() !== value) return 'the beacon source must not begin or end with white space';
  if (FORBIDDEN.test(value)) return 'the beacon source holds a control, bidirectional or invisible character';
  return null;
}

/** A real calendar day written `YYYY-MM-DD`, as days since 1970-01-01; null otherwise. */
export function dayNumber(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return time / 86_400_000;
}

export function isDate(value: unknown): value is string {
  return dayNumber(value) !== null;
}

/** Problems with the dates of a draw (§4 check 4): beacon after commit, draw on or after the beacon, both within the pool's life. */
export function dateProblems(asOf: string, beaconDate: string, drawnOn?: string): string[] {
  const commit = dayNumber(asOf)!;
  const beacon = dayNumber(beaconDate)!;
  const problems: string[] = [];
  if (beacon < commit) problems.push(`the beacon's date ${beaconDate} is before the pool's date ${asOf}`);
  if (beacon > commit + POOL_LIFETIME_DAYS)
    problems.push(`the beacon's date ${beaconDate} is more than ${POOL_LIFETIME_DAYS} days after the pool's date ${asOf}`);
  if (drawnOn !== undefined) {
    const drawn = dayNumber(drawnOn)!;
    if (drawn < beacon) problems.push(`drawn on ${drawnOn}, before the beacon's date ${beaconDate}`);
    if (drawn > commit + POOL_LIFETIME_DAYS) problems.push(`drawn on ${drawnOn}, more than ${POOL_LIFETIME_DAYS} days after the pool's date ${asOf}`);
  }
  return problems;
}
