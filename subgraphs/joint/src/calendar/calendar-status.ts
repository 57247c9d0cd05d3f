import { Field, Int, ObjectType } from 'type-graphql';
import { yearOf } from '../../../../common/dates';
import { DateScalar } from '../../../../common/scalars';
import type { WorkingDayCalendar } from './working-days';

/**
 * Whether the official holiday calendar (节假日安排, with 调休) is loaded for this
 * year and the next. The State Council publishes next year's arrangement late in
 * the year; until someone loads it (`loadCalendarYear`), deadlines that reach into
 * that year are counted Monday–Friday and marked unverified. December is when
 * tasks start to have such deadlines, so from 1 December a missing next year is a
 * warning coordinators see here, in their tasks and in the `npm start` banner.
 */
@ObjectType({ description: '节假日安排 — whether the official calendar of this year and the next is loaded' })
export class CalendarStatus {
  @Field(() => DateScalar, { description: 'Today in Asia/Shanghai' })
  today!: string;

  @Field(() => Int)
  year!: number;

  @Field({ description: "This year's official arrangement is known" })
  verified!: boolean;

  @Field(() => Int)
  nextYear!: number;

  @Field({ description: "Next year's official arrangement is known" })
  nextYearVerified!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'What to do, when a year that deadlines depend on is missing (this year always; next year from 1 December)',
  })
  warning!: string | null;
}

function missingYearWarning(year: number, from: string): string {
  return (
    `${year} 年的官方节假日安排尚未导入：${from}涉及 ${year} 年的期限暂按周一至周五计算，标为未核实；请督查考核人员在国务院办公厅公布后用 loadCalendarYear 导入 ` +
    `(the official ${year} holiday calendar is not loaded: deadlines in ${year} count Monday to Friday and are marked unverified; a supervisor loads it with loadCalendarYear once the State Council publishes it)`
  );
}

export function calendarStatus(calendar: WorkingDayCalendar, today: string): CalendarStatus {
  const year = yearOf(today);
  const verified = calendar.isVerified(year);
  const nextYearVerified = calendar.isVerified(year + 1);
  let warning: string | null = null;
  if (!verified) warning = missingYearWarning(year, '');
  else if (!nextYearVerified && today.slice(5, 7) === '12') warning = missingYearWarning(year + 1, '12 月起确定的任务，');
  return { today, year, verified, nextYear: year + 1, nextYearVerified, warning };
}
