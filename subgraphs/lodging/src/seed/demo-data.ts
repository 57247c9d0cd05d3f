/**
 * Demonstration data of 治安's guest-registration system: the hotels of the ZA
 * target directory's demo data (the same USCCs and names), most of them
 * connected, with twelve months of registrations up to last month and, at a
 * few hotels, guests that checks found staying without registration.
 *
 * Derived from the USCC and the month alone: the same call always gives the same
 * data, and `today` only decides which twelve months they are.
 */
import { createHash } from 'node:crypto';
import { addMonths } from '../../../../common/dates';
import { demoDataFor } from '../../../division/src/seed/demo-data';

export interface DemoHotel {
  uscc: string;
  division: string;
  name: string;
  licenceNo: string;
  rooms: number;
  connectedOn: string;
}

export interface DemoMonth {
  uscc: string;
  month: string;
  registrations: number;
  uploadedLate: number;
  unregisteredFound: number;
}

/** A number 0 ≤ n < modulo from a label: stable, and different for every label. */
function pick(label: string, modulo: number): number {
  return createHash('sha256').update(label).digest().readUInt32BE(0) % modulo;
}

/** The twelve months before `today`'s month, newest first (YYYY-MM). */
export function demoMonths(today: string): string[] {
  const first = `${today.slice(0, 7)}-01`;
  return Array.from({ length: 12 }, (_, index) => addMonths(first, -(index + 1)).slice(0, 7));
}

export function lodgingDemoData(division: string, today: string): { hotels: DemoHotel[]; months: DemoMonth[] } {
  const hotels = demoDataFor(division, { today })
    .targets.filter((target) => target.categories.includes('旅馆'))
    // One hotel in ten has not connected yet: its directory entry shows no registrations.
    .filter((target) => pick(`${target.uscc}:connected`, 10) !== 0)
    .map((target, index): DemoHotel => ({
      uscc: target.uscc,
      division,
      name: target.name,
      licenceNo: `许公特旅字〔${2015 + pick(`${target.uscc}:year`, 9)}〕第${String(index + 1).padStart(4, '0')}号`,
      rooms: 12 + pick(`${target.uscc}:rooms`, 180),
      connectedOn: `${2016 + pick(`${target.uscc}:since`, 8)}-0${1 + pick(`${target.uscc}:month`, 9)}-15`,
    }));
  const months = hotels.flatMap((hotel, hotelIndex) =>
    demoMonths(today).map((month, monthIndex): DemoMonth => {
      const occupancy = 35 + pick(`${hotel.uscc}:${month}:occupancy`, 50);
      const registrations = Math.round((hotel.rooms * 30 * occupancy * 1.4) / 100);
      // About one hotel-month in twelve, and every seventh hotel last month: checks found a few guests nobody registered.
      const found = pick(`${hotel.uscc}:${month}:check`, 12) === 0 || (monthIndex === 0 && hotelIndex % 7 === 0);
      const unregisteredFound = found ? 1 + pick(`${hotel.uscc}:${month}:found`, 4) : 0;
      return { uscc: hotel.uscc, month, registrations, uploadedLate: pick(`${hotel.uscc}:${month}:late`, 6), unregisteredFound };
    }),
  );
  return { hotels, months };
}
