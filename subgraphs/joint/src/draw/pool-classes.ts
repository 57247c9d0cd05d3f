import type { EntityManager } from '@mikro-orm/core';
import { highRiskEntities } from '../credit/entity-facts';

export type DrawClass = 'A' | 'B' | 'C' | 'D';

/**
 * The one place the pool asks for each target's draw class (docs/draw-algorithm.md §2): the
 * imported credit-risk class raised to C by a risk signal. Until imported classes exist every
 * entity counts as B, and an entity with a risk signal on `asOf` (the entities of the old HIGH
 * stratum) as C.
 */
export async function drawClassesFor(em: EntityManager, usccs: readonly string[], asOf: string): Promise<Map<string, DrawClass>> {
  const risky = await highRiskEntities(em, asOf);
  return new Map(usccs.map((uscc) => [uscc, risky.has(uscc) ? 'C' : 'B']));
}
