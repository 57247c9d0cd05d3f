/**
 * 工作日 — working days on the official Chinese calendar.
 *
 * Every inspection result must be published within 20 working days of the
 * inspection date. "Working day" follows the State Council's yearly holiday
 * arrangement (国务院办公厅关于节假日安排的通知): some weekdays are days off
 * (节假日) and some weekend days are working days (调休 make-up days).
 *
 * The built-in arrangements come from the `chinese-days` package. The State
 * Council publishes each year's arrangement only late in the previous year, so
 * an administrator can load a year the package does not know yet (or correct
 * one it does). For a year nobody has published we fall back to Monday–Friday
 * and say so (`calendarVerified: false`) rather than silently pretend.
 *
 * Everything here is pure: no I/O, no clock.
 */
import chineseDaysData from 'chinese-days/dist/chinese-days.json';
import { isIsoDate, isoWeekday, yearOf } from '../../../../common/dates';

/**
 * One year's official arrangement, reduced to the days that differ from a
 * plain Monday–Friday week.
 *
 * A date is a working day iff (Mon–Fri and not in `holidays`) or (in `workdays`).
 */
export interface YearCalendar {
  year: number;
  /** 节假日 — official days off that fall on Monday–Friday. */
  holidays: string[];
  /** 调休 — Saturdays and Sundays that are working days to make up for a holiday. */
  workdays: string[];
}

/** Result of counting working days forward. */
export interface WorkingDayCount {
  date: string;
  /**
   * False when any year the count crossed has no official arrangement, so the
   * date was computed on Monday–Friday alone and may move once it is published.
   */
  calendarVerified: boolean;
}

/** The shape of `chinese-days/dist/chinese-days.json`: date → "English,中文,n". */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** Loaded arrangements are accepted for these years only. */
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

const WEEKDAY_ZH = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'] as const;
const WEEKDAY_EN = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** 周末 — Saturday or Sunday. */
function isWeekend(date: string): boolean {
  return isoWeekday(date) >= 6;
}

/** Fast lookup form of a {@link YearCalendar}. */
interface YearRule {
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
}

function toRule(calendar: YearCalendar): YearRule {
  return { holidays: new Set(calendar.holidays), workdays: new Set(calendar.workdays) };
}

/**
 * Groups the package's data by year.
 *
 * `chinese-days` lists every day of a holiday period, weekend days included
 * (e.g. 2026-01-03, a Saturday of the New Year break), so holidays are reduced
 * to their weekdays and workdays to their weekend days to match
 * {@link YearCalendar}. A year counts as covered only when the package lists at
 * least one holiday in it: every published arrangement has some, and the
 * package simply has no entries for a year it does not know.
 */
function builtInCalendars(data: ChineseDaysData): Map<number, YearCalendar> {
  const calendars = new Map<number, YearCalendar>();
  for (const date of Object.keys(data.holidays)) {
    const year = yearOf(date);
    let calendar = calendars.get(year);
    if (!calendar) {
      calendar = { year, holidays: [], workdays: [] };
      calendars.set(year, calendar);
    }
    if (!isWeekend(date)) calendar.holidays.push(date);
  }
  for (const date of Object.keys(data.workdays)) {
    const calendar = calendars.get(yearOf(date));
    if (calendar && isWeekend(date)) calendar.workdays.push(date);
  }
  for (const calendar of calendars.values()) {
    calendar.holidays.sort();
    calendar.workdays.sort();
  }
  return calendars;
}

/** Built once per process: the package data never changes at run time. */
const BUILT_IN_RULES: ReadonlyMap<number, YearRule> = new Map(
  [...builtInCalendars(chineseDaysData as ChineseDaysData)].map(([year, calendar]) => [year, toRule(calendar)]),
);

const DAY_MS = 86_400_000;

/**
 * The calendar days after `date`, endlessly, each with its ISO weekday
 * (1 Monday … 7 Sunday). Steps by arithmetic on UTC midnight instead of
 * re-parsing each date string, which matters when a list page shows
 * "working days left" for many rows.
 */
function* daysAfter(date: string): Generator<{ date: string; weekday: number }> {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  for (let time = Date.UTC(year, month - 1, day) + DAY_MS; ; time += DAY_MS) {
    const instant = new Date(time);
    yield { date: instant.toISOString().slice(0, 10), weekday: instant.getUTCDay() || 7 };
  }
}

function requireIsoDate(value: string, name: string): void {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new Error(`${name} 必须是 YYYY-MM-DD 格式的有效日期 (${name} must be a real YYYY-MM-DD date; got ${JSON.stringify(value)})`);
  }
}

/**
 * The working-day calendar: the arrangements `chinese-days` knows,
 * overridden year by year by arrangements an administrator has loaded.
 */
export class WorkingDayCalendar {
  private readonly rules: ReadonlyMap<number, YearRule>;

  /**
   * @param loaded arrangements uploaded by an administrator; each replaces the
   *   built-in arrangement for its year as a whole (no merging), so a corrected
   *   year is exactly what was uploaded. Validated with {@link parseYearCalendar}.
   */
  constructor(loaded: readonly YearCalendar[] = []) {
    const rules = new Map(BUILT_IN_RULES);
    const seen = new Set<number>();
    for (const candidate of loaded) {
      const calendar = parseYearCalendar(candidate);
      if (seen.has(calendar.year)) {
        throw new Error(`${calendar.year} 年的日历加载了两次 (the calendar for ${calendar.year} was loaded twice; load one version per year)`);
      }
      seen.add(calendar.year);
      rules.set(calendar.year, toRule(calendar));
    }
    this.rules = rules;
  }

  /** True when the official arrangement for `year` is known (built in or loaded). */
  isVerified(year: number): boolean {
    return this.rules.has(year);
  }

  /**
   * 工作日 — true when `date` is a working day. In a year without a known
   * arrangement this is plain Monday–Friday.
   */
  isWorkingDay(date: string): boolean {
    requireIsoDate(date, 'date');
    return this.isWorkingDayUnchecked(date);
  }

  /**
   * The `add`-th working day after `from`. `from` itself never counts, whether
   * or not it is a working day (an inspection on Friday starts the clock on the
   * next working day); `add = 0` returns `from` unchanged.
   */
  addWorkingDays(from: string, add: number): WorkingDayCount {
    requireIsoDate(from, 'from');
    if (!Number.isSafeInteger(add) || add < 0) {
      throw new Error(`工作日数必须是非负整数 (the number of working days to add must be a non-negative integer; got ${add})`);
    }
    let date = from;
    let remaining = add;
    for (const day of daysAfter(from)) {
      if (remaining === 0) break;
      date = day.date;
      if (this.isWorkingDayUnchecked(day.date, day.weekday)) remaining--;
    }
    return { date, calendarVerified: this.areYearsVerified(yearOf(from), yearOf(date)) };
  }

  /**
   * Number of working days d with `from` < d ≤ `to` — "working days left" when
   * `from` is today and `to` the deadline. Negative (the same count, negated)
   * when `to` is before `from`, so an overdue deadline shows how far past it is.
   * Consistent with {@link addWorkingDays}: counting `n` forward from `d` lands
   * on a date exactly `n` working days away.
   */
  workingDaysBetween(from: string, to: string): number {
    requireIsoDate(from, 'from');
    requireIsoDate(to, 'to');
    if (to < from) return -this.countWorkingDaysAfter(to, from);
    return this.countWorkingDaysAfter(from, to);
  }

  /** Working days in (from, to], for from ≤ to. */
  private countWorkingDaysAfter(from: string, to: string): number {
    let count = 0;
    for (const day of daysAfter(from)) {
      if (day.date > to) break;
      if (this.isWorkingDayUnchecked(day.date, day.weekday)) count++;
    }
    return count;
  }

  private isWorkingDayUnchecked(date: string, weekday: number = isoWeekday(date)): boolean {
    const weekend = weekday >= 6;
    const rule = this.rules.get(yearOf(date));
    if (!rule) return !weekend;
    return rule.workdays.has(date) || (!weekend && !rule.holidays.has(date));
  }

  private areYearsVerified(firstYear: number, lastYear: number): boolean {
    for (let year = firstYear; year <= lastYear; year++) {
      if (!this.isVerified(year)) return false;
    }
    return true;
  }
}

/**
 * Validates an arrangement uploaded by an administrator, e.g.
 * `{ "year": 2027, "holidays": ["2027-01-01", …], "workdays": ["2027-02-06", …] }`.
 *
 * Errors name the offending date and the reason, in Chinese then English, so
 * the administrator can fix the file without reading code. Returns a copy with
 * both lists sorted.
 */
export function parseYearCalendar(json: unknown): YearCalendar {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error('年度日历必须是包含 year、holidays、workdays 的 JSON 对象 (a year calendar must be a JSON object with year, holidays and workdays)');
  }
  const input = json as Record<string, unknown>;
  const year = parseYear(input.year);
  const holidays = parseDateList(input.holidays, 'holidays', '节假日', year);
  const workdays = parseDateList(input.workdays, 'workdays', '调休上班日', year);

  if (holidays.length === 0) {
    throw new Error(
      `${year} 年的节假日列表为空，每年都有落在工作日的法定假日 (holidays for ${year} is empty; every official arrangement has weekday days off)`,
    );
  }
  // Checked before the weekday rules: a date in both lists is one mistake, and
  // naming it as such helps more than "Saturday is not a holiday".
  const holidaySet = new Set(holidays);
  const both = workdays.find((date) => holidaySet.has(date));
  if (both) {
    throw new Error(`${both} 同时列在节假日和调休上班日中 (${both} is listed both as a holiday and as a make-up workday)`);
  }
  for (const date of holidays) {
    const weekday = isoWeekday(date);
    if (weekday >= 6) {
      throw new Error(`${date} 是${WEEKDAY_ZH[weekday]}，不能列为节假日 (${date} is a ${WEEKDAY_EN[weekday]}; holidays list weekday days off only)`);
    }
  }
  for (const date of workdays) {
    const weekday = isoWeekday(date);
    if (weekday <= 5) {
      throw new Error(
        `${date} 是${WEEKDAY_ZH[weekday]}，不能列为调休上班日 (${date} is a ${WEEKDAY_EN[weekday]}; workdays list weekend make-up working days only)`,
      );
    }
  }
  return { year, holidays: [...holidays].sort(), workdays: [...workdays].sort() };
}

function parseYear(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_YEAR || value > MAX_YEAR) {
    throw new Error(
      `year 必须是 ${MIN_YEAR} 到 ${MAX_YEAR} 之间的整数，收到 ${describe(value)} (year must be an integer from ${MIN_YEAR} to ${MAX_YEAR}; got ${describe(value)})`,
    );
  }
  return value;
}

/** Checks one list: an array of distinct real dates, all inside `year`. */
function parseDateList(value: unknown, field: string, fieldZh: string, year: number): string[] {
  if (!Array.isArray(value)) {
    throw new Error(
      `${field}（${fieldZh}）必须是 YYYY-MM-DD 日期数组，收到 ${describe(value)} (${field} must be an array of YYYY-MM-DD dates; got ${describe(value)})`,
    );
  }
  const seen = new Set<string>();
  value.forEach((item: unknown, index) => {
    const position = index + 1;
    if (typeof item !== 'string' || !isIsoDate(item)) {
      throw new Error(
        `${field}（${fieldZh}）第 ${position} 项 ${describe(item)} 不是有效的 YYYY-MM-DD 日期 (${field} item ${position}, ${describe(item)}, is not a real YYYY-MM-DD date)`,
      );
    }
    if (yearOf(item) !== year) {
      throw new Error(`${field}（${fieldZh}）中的 ${item} 不在 ${year} 年内 (${item} in ${field} is outside ${year})`);
    }
    if (seen.has(item)) {
      throw new Error(`${field}（${fieldZh}）中的 ${item} 重复出现 (${item} appears more than once in ${field})`);
    }
    seen.add(item);
  });
  return value as string[];
}

function describe(value: unknown): string {
  if (value === undefined || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? String(value);
}
