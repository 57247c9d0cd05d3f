/**
 * How values read on the portal and in the exports: times in Beijing time (the
 * bureau's, whatever zone the server runs in) through common/dates.ts's
 * shanghaiTimestamp, the same helper the API uses; ratios as percentages.
 */
import { shanghaiDate, shanghaiTimestamp } from '../../../common/dates';

/** `2026-05-02T03:04:05.000Z` or `2026-05-02T11:04:05+08:00` → `2026-05-02 11:04` (Beijing time); anything unparsable is shown as given. */
export function beijingDateTime(iso: string): string {
  const local = shanghaiTimestamp(iso);
  if (!local.endsWith('+08:00')) return iso;
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/** The Beijing calendar date of an instant given as ISO 8601. */
export function beijingDate(iso: string): string {
  const local = shanghaiTimestamp(iso);
  return local.endsWith('+08:00') ? local.slice(0, 10) : iso;
}

/** The current year in Beijing. */
export function currentYear(now: Date = new Date()): number {
  return Number(shanghaiDate(now).slice(0, 4));
}

/** Basis points as a percentage: 500 → `5%`, 250 → `2.5%`. */
export function percentFromBp(bp: number): string {
  return `${Number((bp / 100).toFixed(2))}%`;
}

/** 抽查任务状态 as the public reads it. */
export const TASK_STATUS_LABELS: Readonly<Record<string, string>> = {
  DRAFT: '草拟中',
  COMMITTED: '已确定，待抽取',
  DRAWN: '已抽取，待公示',
  CANCELLATION_REQUESTED: '撤销申请待审批',
  PUBLISHED: '结果已公示',
  CANCELLED: '已撤销',
};

/** 撤销的申请人或审批人, as the record names them: the display name, else the token subject. */
export function personLabel(person: { sub: string; name: string | null } | null): string {
  if (!person) return '—';
  return person.name ? `${person.name}（${person.sub}）` : person.sub;
}

export const TASK_KIND_LABELS: Readonly<Record<string, string>> = {
  RANDOM: '双随机抽查',
  DIRECTED: '定向抽查',
};
