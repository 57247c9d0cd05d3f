/**
 * How values read on the portal and in the exports: times in Beijing time (the
 * bureau's, whatever zone the server runs in), ratios as percentages.
 */

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** `2026-05-02T03:04:05.000Z` → `2026-05-02 11:04` (Beijing time); anything unparsable is shown as given. */
export function beijingDateTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const local = new Date(time + SHANGHAI_OFFSET_MS).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/** The Beijing calendar date of an instant given as ISO 8601. */
export function beijingDate(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Date(time + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The current year in Beijing. */
export function currentYear(now: Date = new Date()): number {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear();
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
  PUBLISHED: '结果已公示',
  CANCELLED: '已撤销',
};

export const TASK_KIND_LABELS: Readonly<Record<string, string>> = {
  RANDOM: '双随机抽查',
  DIRECTED: '定向抽查',
};
