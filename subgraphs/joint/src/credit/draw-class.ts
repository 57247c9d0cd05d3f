import type { EntityManager } from '@mikro-orm/core';
import type { Knex, EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { CREDIT_CLASS_TABLE } from './credit-class.entity';
import { highRiskEntities } from './entity-facts';

/** The class an entity is drawn in (SSJ-DRAW-2): one of the market regulator's four credit-risk classes. */
export type DrawClass = 'A' | 'B' | 'C' | 'D';

const RANK: Record<DrawClass, number> = { A: 0, B: 1, C: 2, D: 3 };

/**
 * Pure: the imported class (none → B), raised to at least C by any risk signal.
 *
 * An entity the regulator has not classified is treated as 一般风险 (B), the
 * class most enterprises are in. The guideline's risk signals (an active
 * bad-credit listing, a complaint within 12 months, a violation published
 * within 24 months) are facts the joint office learnt itself, possibly after
 * the regulator's assessment, so they raise A and B to C; they never lower C or D.
 */
export function drawClass(imported: DrawClass | null, hasRiskSignal: boolean): DrawClass {
  const base = imported ?? 'B';
  return hasRiskSignal && RANK[base] < RANK.C ? 'C' : base;
}

/** Above this many USCCs one scan of the assessments up to `asOf` is cheaper than `IN` lists. */
const SCAN_THRESHOLD = 2000;
/** Well under SQLite's limit on bound variables, and a short statement for PostgreSQL. */
const IN_CHUNK = 900;

/** An assessment as read for a draw: the table's columns, nothing hydrated. */
interface AssessmentRow {
  id: number | string;
  uscc: string;
  risk_class: string;
  assessed_on: string;
}

/**
 * The assessments up to `asOf`, of the given USCCs or of everyone, as plain
 * rows: a draw reads tens of thousands, and entity instances would cost more
 * than the query. Inside a transaction, on its connection.
 */
async function assessmentRows(em: EntityManager, asOf: string, usccs: readonly string[] | null): Promise<AssessmentRow[]> {
  const knex = (em.getTransactionContext() as Knex.Transaction | undefined) ?? (em as SqlEntityManager).getKnex();
  const query = knex.select('id', 'uscc', 'risk_class', 'assessed_on').from(CREDIT_CLASS_TABLE).where('assessed_on', '<=', asOf);
  if (usccs) query.whereIn('uscc', [...usccs]);
  return (await query) as AssessmentRow[];
}

/** Later assessment wins; of two on the same day, the one recorded later. */
function supersedes(candidate: AssessmentRow, current: AssessmentRow | undefined): boolean {
  return (
    current === undefined ||
    candidate.assessed_on > current.assessed_on ||
    (candidate.assessed_on === current.assessed_on && Number(candidate.id) > Number(current.id))
  );
}

/** The imported class of each given entity in force on `asOf`: the latest assessment with assessedOn ≤ asOf (absent: none imported). */
export async function importedClassesOn(em: EntityManager, usccs: readonly string[], asOf: string): Promise<Map<string, DrawClass>> {
  const latest = new Map<string, AssessmentRow>();
  const take = (rows: AssessmentRow[]) => {
    for (const row of rows) if (supersedes(row, latest.get(row.uscc))) latest.set(row.uscc, row);
  };
  if (usccs.length > SCAN_THRESHOLD) {
    // Every entity's latest assessment; those not asked for are simply not looked up below.
    take(await assessmentRows(em, asOf, null));
  } else {
    const list = [...new Set(usccs)];
    for (let start = 0; start < list.length; start += IN_CHUNK) take(await assessmentRows(em, asOf, list.slice(start, start + IN_CHUNK)));
  }
  const classes = new Map<string, DrawClass>();
  for (const uscc of usccs) {
    const row = latest.get(uscc);
    if (row) classes.set(uscc, row.risk_class as DrawClass);
  }
  return classes;
}

/** The draw class of each given entity on `asOf` (every given USCC is in the map). */
export async function drawClassesFor(em: EntityManager, usccs: readonly string[], asOf: string): Promise<Map<string, DrawClass>> {
  const [imported, risky] = await Promise.all([importedClassesOn(em, usccs, asOf), highRiskEntities(em, asOf)]);
  return new Map(usccs.map((uscc) => [uscc, drawClass(imported.get(uscc) ?? null, risky.has(uscc))]));
}
