import { Arg, Ctx, Directive, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { slicedList } from '../../../../common/demand-control';
import { badInput } from '../../../../common/errors';
import { assertCanReadRegistrations } from '../access';
import type { LodgingContext } from '../context';
import { LodgingHotel } from './lodging-hotel.entity';
import { RegistrationMonth } from './registration-month.entity';
import { Target } from './target.type';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function monthArgument(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!MONTH.test(value)) throw badInput(`月份应写作 YYYY-MM，收到 “${value}” (a month is written YYYY-MM)`, 'month');
  return value;
}

function lastArgument(last: number): number {
  if (!Number.isInteger(last) || last < 1 || last > 60) throw badInput(`月数应在 1 到 60 之间，收到 ${last} (last must be 1–60 months)`, 'last');
  return last;
}

/** 未登记旅客 — a hotel where checks found guests staying without registration, in one month. */
@ObjectType({ description: '未登记旅客 — a hotel where checks found guests staying without registration, in one month' })
export class UnregisteredGuestFinding {
  @Field({ description: 'YYYY-MM' })
  month!: string;

  @Field(() => Int, { description: 'Guests found without registration' })
  unregisteredFound!: number;

  @Field(() => Int, { description: 'Guests registered that month' })
  registrations!: number;

  @Field(() => LodgingHotel)
  hotel!: LodgingHotel;

  @Field(() => Target, { description: "The hotel's entry in the division's target directory" })
  target!: Target;
}

/** The fields this system adds to the division's directory entries. */
@Resolver(() => Target)
export class TargetLodgingResolver {
  @FieldResolver(() => LodgingHotel, {
    nullable: true,
    description: '旅馆业治安管理信息系统 — the hotel’s guest registrations; null when the entry is not a hotel connected to the system',
  })
  async lodging(@Root() target: Target, @Ctx() context: LodgingContext): Promise<LodgingHotel | null> {
    assertCanReadRegistrations(context.viewer, context.division);
    if (target.division !== context.division) return null;
    return context.loaders.hotel.load(target.uscc);
  }
}

@Resolver(() => LodgingHotel)
export class LodgingHotelResolver {
  @Directive(slicedList('last', 12))
  @FieldResolver(() => [RegistrationMonth], { description: 'Registrations per month, newest first' })
  async months(
    @Root() hotel: LodgingHotel,
    @Arg('last', () => Int, { defaultValue: 12, description: 'How many months, 1–60' }) last: number,
    @Ctx() context: LodgingContext,
  ) {
    const months = await context.loaders.months.load(hotel.uscc);
    return months.slice(0, lastArgument(last));
  }

  @FieldResolver(() => Int, { description: 'Guests found without registration over the last months' })
  async unregisteredGuests(
    @Root() hotel: LodgingHotel,
    @Arg('last', () => Int, { defaultValue: 12, description: 'How many months, 1–60' }) last: number,
    @Ctx() context: LodgingContext,
  ): Promise<number> {
    const months = await context.loaders.months.load(hotel.uscc);
    return months.slice(0, lastArgument(last)).reduce((sum, month) => sum + month.unregisteredFound, 0);
  }

  @FieldResolver(() => Target, { description: "The hotel's entry in the division's target directory" })
  target(@Root() hotel: LodgingHotel): Target {
    return { division: hotel.division, uscc: hotel.uscc };
  }
}

@Resolver()
export class LodgingQueryResolver {
  @Query(() => [UnregisteredGuestFinding], {
    description: '未登记旅客 — hotels where guests were found without registration in a month (the latest month with data by default), most first',
  })
  async unregisteredGuestFindings(
    @Arg('month', () => String, { nullable: true }) month: string | null,
    @Ctx() context: LodgingContext,
  ): Promise<UnregisteredGuestFinding[]> {
    assertCanReadRegistrations(context.viewer, context.division);
    const { em } = context;
    const wanted = monthArgument(month) ?? (await em.findOne(RegistrationMonth, { month: { $ne: '' } }, { orderBy: { month: 'desc' } }))?.month;
    if (!wanted) return [];
    const rows = await em.find(RegistrationMonth, { month: wanted, unregisteredFound: { $gt: 0 } }, { orderBy: { unregisteredFound: 'desc', uscc: 'asc' } });
    const hotels = await context.loaders.hotel.loadMany(rows.map((row) => row.uscc));
    return rows.flatMap((row, index) => {
      const hotel = hotels[index];
      if (!(hotel instanceof LodgingHotel)) return [];
      return [
        {
          month: row.month,
          unregisteredFound: row.unregisteredFound,
          registrations: row.registrations,
          hotel,
          target: { division: hotel.division, uscc: hotel.uscc },
        },
      ];
    });
  }
}
