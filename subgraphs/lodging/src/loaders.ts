import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { couldBeStoredKey } from '../../../common/text';
import { LodgingHotel } from './hotels/lodging-hotel.entity';
import { RegistrationMonth } from './hotels/registration-month.entity';

/** One loader set per request: a page of directory entries costs one statement per table. */
export function createLodgingLoaders(em: EntityManager) {
  return {
    hotel: new DataLoader<string, LodgingHotel | null>(async (usccs) => {
      const rows = await em.find(LodgingHotel, { uscc: { $in: usccs.filter(couldBeStoredKey) } });
      const found = new Map(rows.map((row) => [row.uscc, row]));
      return usccs.map((uscc) => found.get(uscc) ?? null);
    }),
    /** A hotel's months, newest first. */
    months: new DataLoader<string, RegistrationMonth[]>(async (usccs) => {
      const rows = await em.find(RegistrationMonth, { uscc: { $in: usccs.filter(couldBeStoredKey) } }, { orderBy: { month: 'desc' } });
      return usccs.map((uscc) => rows.filter((row) => row.uscc === uscc));
    }),
  };
}

export type LodgingLoaders = ReturnType<typeof createLodgingLoaders>;
