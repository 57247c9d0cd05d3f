import type { WorkingDayCalendar } from '../calendar/working-days';

/** 20 个工作日 — results must be public within 20 working days of the inspection. */
export const PUBLICATION_DEADLINE_WORKING_DAYS = 20;

/**
 * A task publishes all its results at once, so it is due 20 working days after
 * its EARLIEST result: that meets every result's own deadline.
 */
export function resultsDueBy(calendar: WorkingDayCalendar, inspectedOn: readonly string[]): { date: string; calendarVerified: boolean } | null {
  if (inspectedOn.length === 0) return null;
  const earliest = inspectedOn.reduce((min, date) => (date < min ? date : min));
  return calendar.addWorkingDays(earliest, PUBLICATION_DEADLINE_WORKING_DAYS);
}
