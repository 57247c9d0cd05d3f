import type { EntityManager } from '@mikro-orm/core';
import { hasRole, type Viewer } from '../../../../common/viewer';
import { PublishedResult } from '../publication/published-result.entity';
import { RiskFlagRow } from '../credit/credit.entities';
import type { MarketEntity } from './market-entity.types';

/**
 * Who may see what the office itself knows of an entity — that it was drawn
 * for a task not yet published, or complained about: the office, the
 * divisions' administrators, and the system's own services.
 */
export function seesInternalEntityFacts(viewer: Viewer): boolean {
  return viewer.service !== undefined || hasRole(viewer, 'coordinator', 'supervisor', 'division_admin');
}

/**
 * An entity as everyone else sees it: known only from public facts — a
 * published result (whose entity name it shows) or a listing in a public
 * risk list — and otherwise unknown, exactly like an entity the system has
 * never heard of. The answer must not tell a business that it is about to be
 * inspected (drawn for an unpublished task) or that someone complained.
 */
export async function publicEntity(em: EntityManager, uscc: string): Promise<MarketEntity | null> {
  const [published, listings] = await Promise.all([
    em.findOne(PublishedResult, { uscc }, { orderBy: { id: 'desc' }, fields: ['entityName'], disableIdentityMap: true }),
    em.count(RiskFlagRow, { uscc }),
  ]);
  if (!published && listings === 0) return null;
  return { uscc, name: published?.entityName ?? null };
}
