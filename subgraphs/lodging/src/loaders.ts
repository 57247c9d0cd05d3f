import type { EntityManager } from '@mikro-orm/core';
import { manyBy, oneBy } from '../../../common/loaders';
import { LodgingHotel } from './hotels/lodging-hotel.entity';
import { RegistrationMonth } from './hotels/registration-month.entity';

/** One loader set per request: a page of directory entries costs one statement per table. */
export function createLodgingLoaders(em: EntityManager) {
  return {
    hotel: oneBy(em, LodgingHotel, 'uscc'),
    /** A hotel's months, newest first. */
    months: manyBy(em, RegistrationMonth, 'uscc', { month: 'desc' }),
  };
}

export type LodgingLoaders = ReturnType<typeof createLodgingLoaders>;
