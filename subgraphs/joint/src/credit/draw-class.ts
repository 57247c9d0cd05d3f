import type { EntityManager } from '@mikro-orm/core';
import { CreditClassRow } from './credit-class.entity';
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

type Assessment = Pick<CreditClassRow, 'id' | 'uscc' | 'riskClass' | 'assessedOn'>;

/** Later assessment wins; of two on the same day, the one recorded later. */
function supersedes(candidate: Assessment, current: Assessment | undefined): boolean {
  return current === undefined || candidate.assessedOn > current.assessedOn || (candidate.assessedOn === current.assessedOn && candidate.id > current.id);
}

/** The imported class of each given entity in force on `asOf`: the latest assessment with assessedOn ≤ asOf (absent: none imported). */
export async function importedClassesOn(em: EntityManager, usccs: readonly string[], asOf: string): Promise<Map<string, DrawClass>> {
  const wanted = new Set(usccs);
  const latest = new Map<string, Assessment>();
  const take = (rows: Assessment[]) => {
    for (const row of rows) if (wanted.has(row.uscc) && supersedes(row, latest.get(row.uscc))) latest.set(row.uscc, row);
  };
  const options = { fields: ['id', 'uscc', 'riskClass', 'assessedOn'] as const, disableIdentityMap: true };
  if (wanted.size > SCAN_THRESHOLD) {
    take(await em.find(CreditClassRow, { assessedOn: { $lte: asOf } }, options));
  } else {
    const list = [...wanted];
    for (let start = 0; start < list.length; start += IN_CHUNK)
      take(await em.find(CreditClassRow, { uscc: { $in: list.slice(start, start + IN_CHUNK) }, assessedOn: { $lte: asOf } }, options));
  }
  return new Map([...latest].map(([uscc, row]) => [uscc, row.riskClass as DrawClass]));
}

/** The draw class of each given entity on `asOf` (every given USCC is in the map). */
export async function drawClassesFor(em: EntityManager, usccs: readonly string[], asOf: string): Promise<Map<string, DrawClass>> {
  const [imported, risky] = await Promise.all([importedClassesOn(em, usccs, asOf), highRiskEntities(em, asOf)]);
  return new Map(usccs.map((uscc) => [uscc, drawClass(imported.get(uscc) ?? null, risky.has(uscc))]));
}
