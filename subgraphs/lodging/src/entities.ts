import { LodgingHotel } from './hotels/lodging-hotel.entity';
import { RegistrationMonth } from './hotels/registration-month.entity';

/** Every table of the guest-registration system's database. */
export const lodgingEntities = [LodgingHotel, RegistrationMonth];
