/** Basis points as the item lists publish them: 500 → "5%". */
export function percent(bp: number): string {
  return `${Number((bp / 100).toFixed(2))}%`;
}

/** Today in Asia/Shanghai, YYYY-MM-DD, the calendar the bureau's deadlines are counted in. */
export function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function isOverdue(task: { status: string; resultsDueBy: string | null }): boolean {
  return (task.status === 'DRAWN' || task.status === 'COMMITTED') && !!task.resultsDueBy && task.resultsDueBy < shanghaiToday();
}
