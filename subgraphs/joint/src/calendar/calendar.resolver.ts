import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { auditedTransaction } from '../../../../common/audit/audit-log';
import { shanghaiDate } from '../../../../common/dates';
import { badInput } from '../../../../common/errors';
import { DateScalar } from '../../../../common/scalars';
import { requireRole } from '../../../../common/auth';
import type { JointContext } from '../context';
import { CalendarYearRow } from './calendar-year.entity';
import { calendarStatus, CalendarStatus } from './calendar-status';
import { parseYearCalendar } from './working-days';

@ObjectType({ description: 'A date counted in working days (工作日)' })
export class CalendarDay {
  @Field(() => DateScalar)
  date!: string;

  @Field({ description: 'False when the count ran through a year with no official calendar loaded (weekends only)' })
  calendarVerified!: boolean;
}

@InputType({ description: "A year's official arrangement: weekday holidays and weekend make-up working days (调休)" })
export class CalendarYearInput {
  @Field(() => Int)
  year!: number;

  @Field(() => [DateScalar])
  holidays!: string[];

  @Field(() => [DateScalar])
  workdays!: string[];
}

@ObjectType()
export class CalendarYearInfo {
  @Field(() => Int)
  year!: number;

  @Field()
  verified!: boolean;

  @Field(() => [DateScalar])
  holidays!: string[];

  @Field(() => [DateScalar])
  workdays!: string[];
}

@Resolver()
export class CalendarResolver {
  @Query(() => CalendarDay, { description: '工作日计算 — the date `add` working days after `from` (day 1 is the next working day)' })
  async workingDays(@Arg('from', () => DateScalar) from: string, @Arg('add', () => Int) add: number, @Ctx() context: JointContext): Promise<CalendarDay> {
    if (!Number.isInteger(add) || add < 0 || add > 1000) throw badInput('工作日数应在 0 到 1000 之间 (add must be 0–1000)', 'add');
    return (await context.calendar()).addWorkingDays(from, add);
  }

  @Query(() => Boolean, { description: 'Whether the official calendar of a year is known' })
  async calendarVerified(@Arg('year', () => Int) year: number, @Ctx() context: JointContext): Promise<boolean> {
    return (await context.calendar()).isVerified(year);
  }

  @Query(() => CalendarStatus, {
    description: 'Whether the official calendar of this year and the next is loaded, with a warning when a needed year is missing',
  })
  async calendarStatus(@Ctx() context: JointContext): Promise<CalendarStatus> {
    return calendarStatus(await context.calendar(), shanghaiDate(context.now()));
  }

  @Mutation(() => CalendarYearInfo, { description: '导入年度节假日安排 — loads a year the built-in calendar does not know yet (supervisor)' })
  async loadCalendarYear(@Arg('input', () => CalendarYearInput) input: CalendarYearInput, @Ctx() context: JointContext): Promise<CalendarYearInfo> {
    requireRole(context.viewer, 'supervisor');
    let year;
    try {
      year = parseYearCalendar(input);
    } catch (error) {
      throw badInput(error instanceof Error ? error.message : String(error), 'input');
    }
    return auditedTransaction(context.em, context.viewer, async (em) => {
      const existing = await em.findOne(CalendarYearRow, { year: year.year });
      const values = { year: year.year, holidays: year.holidays, workdays: year.workdays, loadedBy: context.viewer.sub, loadedAt: context.now().toISOString() };
      em.persist(existing ? em.assign(existing, values) : em.create(CalendarYearRow, values));
      return { result: { ...year, verified: true }, audit: [{ action: 'loadCalendarYear', subject: `calendar:${year.year}`, input: year }] };
    });
  }
}
