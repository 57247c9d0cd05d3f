import type { MyAssignment, Result } from './operations';

/** The entity's address, as the first directory that lists it gives it. */
export function addressOf(assignment: MyAssignment): string | null {
  return assignment.targets.find((target) => target?.address)?.address ?? null;
}

/** Results recorded out of the items, and where they stand with the reviewers. */
export function resultSummary(assignment: MyAssignment) {
  const results = assignment.results;
  const count = (status: Result['review']['status']) => results.filter((result) => result.review.status === status).length;
  return { total: assignment.items.length, recorded: results.length, pending: count('PENDING'), approved: count('APPROVED'), returned: count('RETURNED') };
}

export function resultOf(assignment: MyAssignment, item: { division: string; code: string }): Result | null {
  return assignment.results.find((result) => result.item?.division === item.division && result.item.code === item.code) ?? null;
}

/** Asia/Shanghai times as the API writes them (2026-12-02T02:08:00+08:00), shown as 2026-12-02 02:08. */
export function shortTime(value: string | null): string {
  return value ? value.slice(0, 16).replace('T', ' ') : '—';
}
