import type { Orm } from '../../../../common/orm';
import { LodgingHotel } from '../hotels/lodging-hotel.entity';
import { RegistrationMonth } from '../hotels/registration-month.entity';
import { lodgingDemoData } from './demo-data';

/** Fills an EMPTY database with the demonstration hotels and months, in one transaction; false when there was data already. */
export async function seedLodgingDemo(orm: Orm, division: string, today: string): Promise<boolean> {
  if ((await orm.em.fork().count(LodgingHotel, {})) > 0) return false;
  const { hotels, months } = lodgingDemoData(division, today);
  await orm.em.fork().transactional(async (em) => {
    for (const hotel of hotels) em.create(LodgingHotel, hotel);
    for (const month of months) em.create(RegistrationMonth, month);
  });
  return true;
}
