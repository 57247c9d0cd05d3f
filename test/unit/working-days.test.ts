import { isWorkday } from 'chinese-days';
import { addDays, isoWeekday } from '../../common/dates';
import { parseYearCalendar, WorkingDayCalendar, type YearCalendar } from '../../subgraphs/joint/src/calendar/working-days';

/** A small 2027 arrangement for tests: New Year's Day off, one make-up Saturday. */
const CALENDAR_2027: YearCalendar = {
  year: 2027,
  holidays: ['2027-01-01'],
  workdays: ['2027-01-09'],
};

describe('WorkingDayCalendar.addWorkingDays on the official 2025/2026 arrangements', () => {
  const calendar = new WorkingDayCalendar();

  it.each([
    // Mid-Autumn 2026-09-25..27, National Day 10-01..07, make-up Saturday 10-10.
    ['2026-09-25', 20, '2026-10-29'],
    // Spring Festival 2026-02-15..23; make-up Saturdays 02-14 and 02-28 count.
    ['2026-02-13', 20, '2026-03-19'],
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-13', 6, '2026-02-28'],
    // National Day + Mid-Autumn 2025-10-01..08; make-up Sunday 09-28 and Saturday 10-11.
    ['2025-09-26', 1, '2025-09-28'],
    ['2025-09-26', 20, '2025-10-30'],
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-09-30', 3, '2025-10-11'],
    // Spring Festival 2025-01-28..02-04; make-up Sunday 01-26 and Saturday 02-08.
    ['2025-01-24', 1, '2025-01-26'],
    ['2025-01-27', 1, '2025-02-05'],
    ['2025-01-27', 4, '2025-02-08'],
    // Labour Day 2025-05-01..05; make-up Sunday 04-27.
    ['2025-04-25', 1, '2025-04-27'],
    ['2025-04-30', 1, '2025-05-06'],
    // New Year 2026-01-01..03; make-up Sunday 01-04. Crosses the year boundary, both years known.
    ['2025-12-31', 1, '2026-01-04'],
    ['2025-12-30', 20, '2026-01-28'],
  ])('%s + %i working days → %s', (from, add, expected) => {
    expect(calendar.addWorkingDays(from, add)).toEqual({ date: expected, calendarVerified: true });
  });

  it('adding 0 returns the start date itself, working day or not', () => {
    expect(calendar.addWorkingDays('2026-03-18', 0)).toEqual({ date: '2026-03-18', calendarVerified: true });
    expect(calendar.addWorkingDays('2026-10-01', 0)).toEqual({ date: '2026-10-01', calendarVerified: true });
    expect(calendar.addWorkingDays('2026-03-01', 0)).toEqual({ date: '2026-03-01', calendarVerified: true });
  });

  it('starting on a Sunday: the Sunday does not count', () => {
    expect(isoWeekday('2026-03-01')).toBe(7);
    expect(calendar.addWorkingDays('2026-03-01', 1).date).toBe('2026-03-02');
    expect(calendar.addWorkingDays('2026-03-01', 5).date).toBe('2026-03-06');
  });

  it('starting on a make-up Sunday: the start date does not count even though it is a working day', () => {
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true);
    expect(calendar.addWorkingDays('2025-09-28', 1).date).toBe('2025-09-29');
  });

  it('starting on a holiday: counting begins after the holiday', () => {
    expect(calendar.addWorkingDays('2026-10-01', 1).date).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-10-01', 3).date).toBe('2026-10-10');
    expect(calendar.addWorkingDays('2025-01-28', 1).date).toBe('2025-02-05');
  });

  it('rejects a malformed start date or a negative / fractional count', () => {
    expect(() => calendar.addWorkingDays('2026-02-30', 1)).toThrow(/2026-02-30/);
    expect(() => calendar.addWorkingDays('2026/03/01', 1)).toThrow(/YYYY-MM-DD/);
    expect(() => calendar.addWorkingDays('2026-03-01', -1)).toThrow(/non-negative integer/);
    expect(() => calendar.addWorkingDays('2026-03-01', 1.5)).toThrow(/non-negative integer/);
  });
});

describe('WorkingDayCalendar.isWorkingDay', () => {
  const calendar = new WorkingDayCalendar();

  it.each([
    ['2026-02-14', true], // 调休 Saturday
    ['2026-02-16', false], // Spring Festival Monday
    ['2026-01-04', true], // 调休 Sunday
    ['2026-01-03', false], // plain Saturday inside the New Year break
    ['2025-10-11', true], // 调休 Saturday
    ['2025-10-06', false], // Mid-Autumn inside National Day
    ['2025-10-09', true], // ordinary Thursday
    ['2025-10-12', false], // ordinary Sunday
  ])('%s → %s', (date, expected) => {
    expect(calendar.isWorkingDay(date)).toBe(expected);
  });

  it('agrees with chinese-days itself on every day from 2004 to 2026', () => {
    const disagreements: string[] = [];
    for (let date = '2004-01-01'; date <= '2026-12-31'; date = addDays(date, 1)) {
      if (calendar.isWorkingDay(date) !== isWorkday(date)) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
  });
});

describe('years chinese-days does not cover', () => {
  it('knows 2004–2026 and nothing outside', () => {
    const calendar = new WorkingDayCalendar();
    expect(calendar.isVerified(2003)).toBe(false);
    for (let year = 2004; year <= 2026; year++) expect(calendar.isVerified(year)).toBe(true);
    expect(calendar.isVerified(2027)).toBe(false);
  });

  it('2027 without data falls back to Monday–Friday and is unverified', () => {
    const calendar = new WorkingDayCalendar();
    expect(calendar.isWorkingDay('2027-01-01')).toBe(true); // a Friday, New Year's Day in reality
    expect(calendar.isWorkingDay('2027-01-09')).toBe(false); // a Saturday
    expect(calendar.addWorkingDays('2027-01-01', 5)).toEqual({ date: '2027-01-08', calendarVerified: false });
    expect(calendar.addWorkingDays('2027-03-01', 0)).toEqual({ date: '2027-03-01', calendarVerified: false });
  });

  it('a count from late December 2026 ending in 2027 is unverified; one ending in 2026 is verified', () => {
    const calendar = new WorkingDayCalendar();
    expect(calendar.addWorkingDays('2026-12-25', 4)).toEqual({ date: '2026-12-31', calendarVerified: true });
    expect(calendar.addWorkingDays('2026-12-25', 10)).toEqual({ date: '2027-01-08', calendarVerified: false });
  });

  it('a count that starts in an unverified year is unverified', () => {
    const calendar = new WorkingDayCalendar();
    expect(calendar.addWorkingDays('2003-12-31', 1)).toEqual({ date: '2004-01-02', calendarVerified: false });
  });

  it('after loading 2027 the count is verified and uses the loaded holidays and make-up days', () => {
    const calendar = new WorkingDayCalendar([CALENDAR_2027]);
    expect(calendar.isVerified(2027)).toBe(true);
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
    expect(calendar.isWorkingDay('2027-01-09')).toBe(true);
    // 12-28..31 (4), 2027-01-01 off, 01-04..08 (5–9), Saturday 01-09 (10).
    expect(calendar.addWorkingDays('2026-12-25', 10)).toEqual({ date: '2027-01-09', calendarVerified: true });
    expect(calendar.addWorkingDays('2026-12-31', 1)).toEqual({ date: '2027-01-04', calendarVerified: true });
  });

  it('a loaded year replaces the built-in arrangement for that year', () => {
    const corrected = new WorkingDayCalendar([{ year: 2026, holidays: ['2026-03-02'], workdays: [] }]);
    expect(corrected.isWorkingDay('2026-03-02')).toBe(false);
    expect(corrected.isWorkingDay('2026-02-16')).toBe(true); // no longer a holiday: the whole year was replaced
    expect(corrected.isWorkingDay('2026-02-14')).toBe(false); // nor a make-up day
    expect(new WorkingDayCalendar().isWorkingDay('2026-03-02')).toBe(true);
  });

  it('refuses to load the same year twice or an invalid year', () => {
    expect(() => new WorkingDayCalendar([CALENDAR_2027, CALENDAR_2027])).toThrow(/loaded twice/);
    expect(() => new WorkingDayCalendar([{ year: 2027, holidays: ['2027-01-02'], workdays: [] }])).toThrow(/2027-01-02 是星期六/);
  });
});

describe('parseYearCalendar', () => {
  it('accepts a correct year and returns sorted copies', () => {
    const input = { year: 2027, holidays: ['2027-10-01', '2027-01-01'], workdays: ['2027-09-26', '2027-01-09'] };
    expect(parseYearCalendar(input)).toEqual({
      year: 2027,
      holidays: ['2027-01-01', '2027-10-01'],
      workdays: ['2027-01-09', '2027-09-26'],
    });
    expect(input.holidays).toEqual(['2027-10-01', '2027-01-01']);
  });

  it('accepts a year without make-up days', () => {
    expect(parseYearCalendar({ year: 2027, holidays: ['2027-01-01'], workdays: [] }).workdays).toEqual([]);
  });

  it('refuses a Saturday listed as a holiday', () => {
    expect(() => parseYearCalendar({ year: 2027, holidays: ['2027-01-01', '2027-10-09'], workdays: [] })).toThrow(
      '2027-10-09 是星期六，不能列为节假日 (2027-10-09 is a Saturday; holidays list weekday days off only)',
    );
  });

  it('refuses a weekday listed as a make-up workday', () => {
    expect(() => parseYearCalendar({ year: 2027, holidays: ['2027-01-01'], workdays: ['2027-02-08'] })).toThrow(
      '2027-02-08 是星期一，不能列为调休上班日 (2027-02-08 is a Monday; workdays list weekend make-up working days only)',
    );
  });

  it('refuses a date outside the year', () => {
    expect(() => parseYearCalendar({ year: 2027, holidays: ['2026-12-31'], workdays: [] })).toThrow('2026-12-31 in holidays is outside 2027');
    expect(() => parseYearCalendar({ year: 2027, holidays: ['2027-01-01'], workdays: ['2028-01-01'] })).toThrow(/2028-01-01 不在 2027 年内/);
  });

  it('refuses a date that does not exist', () => {
    expect(() => parseYearCalendar({ year: 2027, holidays: ['2027-01-01', '2027-02-30'], workdays: [] })).toThrow(
      'holidays item 2, "2027-02-30", is not a real YYYY-MM-DD date',
    );
    expect(() => parseYearCalendar({ year: 2027, holidays: ['2027-1-1'], workdays: [] })).toThrow(/"2027-1-1"/);
    expect(() => parseYearCalendar({ year: 2027, holidays: [20270101], workdays: [] })).toThrow(/20270101/);
  });

  it('refuses a date listed both as holiday and make-up workday', () => {
    expect(() => parseYearCalendar({ year: 2027, holidays: ['2027-01-01', '2027-01-09'], workdays: ['2027-01-09'] })).toThrow(
      '2027-01-09 is listed both as a holiday and as a make-up workday',
    );
  });

  it('refuses a date listed twice in one list', () => {
    expect(() => parseYearCalendar({ year: 2027, holidays: ['2027-01-01', '2027-01-01'], workdays: [] })).toThrow(
      '2027-01-01 appears more than once in holidays',
    );
  });

  it('refuses non-object input', () => {
    for (const input of [null, undefined, 'x', 2027, [], [{ year: 2027 }]]) {
      expect(() => parseYearCalendar(input)).toThrow(/must be a JSON object/);
    }
  });

  it('refuses a bad year or missing lists', () => {
    expect(() => parseYearCalendar({ year: '2027', holidays: ['2027-01-01'], workdays: [] })).toThrow('year must be an integer from 2000 to 2100; got "2027"');
    expect(() => parseYearCalendar({ year: 1999, holidays: [], workdays: [] })).toThrow(/from 2000 to 2100/);
    expect(() => parseYearCalendar({ year: 2101, holidays: [], workdays: [] })).toThrow(/from 2000 to 2100/);
    expect(() => parseYearCalendar({ year: 2027.5, holidays: [], workdays: [] })).toThrow(/integer/);
    expect(() => parseYearCalendar({ year: 2027, holidays: ['2027-01-01'] })).toThrow('workdays must be an array of YYYY-MM-DD dates; got undefined');
    expect(() => parseYearCalendar({ year: 2027, holidays: [], workdays: [] })).toThrow(/holidays for 2027 is empty/);
  });
});

describe('WorkingDayCalendar.workingDaysBetween', () => {
  const calendar = new WorkingDayCalendar();

  it('counts working days after from up to and including to', () => {
    expect(calendar.workingDaysBetween('2026-09-25', '2026-10-29')).toBe(20);
    expect(calendar.workingDaysBetween('2026-09-25', '2026-09-25')).toBe(0);
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-07')).toBe(0); // all National Day
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3);
  });

  it('is negative when to is before from', () => {
    expect(calendar.workingDaysBetween('2026-10-29', '2026-09-25')).toBe(-20);
    expect(calendar.workingDaysBetween('2026-03-19', '2026-02-13')).toBe(-20);
  });

  it('is consistent with addWorkingDays for every start in 2025–2026 and every count 0..40', () => {
    const failures: string[] = [];
    for (let from = '2025-01-01'; from <= '2026-12-31'; from = addDays(from, 1)) {
      for (let n = 0; n <= 40; n++) {
        const { date } = calendar.addWorkingDays(from, n);
        if (calendar.workingDaysBetween(from, date) !== n) failures.push(`${from} + ${n} → ${date}`);
        if (n > 0 && !calendar.isWorkingDay(date)) failures.push(`${from} + ${n} → ${date} is not a working day`);
      }
    }
    expect(failures).toEqual([]);
  });
});
