import type { EntityManager } from '@mikro-orm/core';
import { addMonths } from '../../../../common/dates';
import { Assignment } from '../assignments/assignment.entity';
import { InspectionTask } from '../tasks/inspection-task.entity';
import { TaskStatus } from '../tasks/task-enums';
import { ComplaintRow, CreditEntryRow, RiskFlagRow } from './credit.entities';

/** What the joint office knows about entities when it draws (rules 3 and 4). */
export interface EntityFacts {
  /** Entities drawn in another non-cancelled task of the same year. */
  drawnThisYear: ReadonlySet<string>;
  /** Entities with an open complaint. */
  openComplaints: ReadonlySet<string>;
  /** Entities with an active risk flag, a complaint in the last 12 months or a violation published in the last 24. */
  highRisk: ReadonlySet<string>;
}

/** Rule 3: a RANDOM task leaves out entities drawn this year in another task, unless a complaint about them is open. */
export function excludedAsDrawnThisYear(uscc: string, facts: EntityFacts): boolean {
  return facts.drawnThisYear.has(uscc) && !facts.openComplaints.has(uscc);
}

/**
 * Entities a RANDOM draw selected on `used` facts that `current` facts would
 * have left out: another task of the year was drawn in between.
 */
export function selectedSinceExcluded(selected: readonly string[], used: EntityFacts, current: EntityFacts): string[] {
  return selected.filter((uscc) => !excludedAsDrawnThisYear(uscc, used) && excludedAsDrawnThisYear(uscc, current));
}

/** Rule 4's look-back windows. */
export const COMPLAINT_WINDOW_MONTHS = 12;
export const VIOLATION_WINDOW_MONTHS = 24;

/** Entities in the HIGH stratum on `asOf`: an active risk flag, a recent complaint, or a recent published violation. */
export async function highRiskEntities(em: EntityManager, asOf: string): Promise<Set<string>> {
  const [flags, complaints, violations] = await Promise.all([
    em.find(RiskFlagRow, { active: true }, { fields: ['uscc'], disableIdentityMap: true }),
    em.find(ComplaintRow, { receivedOn: { $gt: addMonths(asOf, -COMPLAINT_WINDOW_MONTHS), $lte: asOf } }, { fields: ['uscc'], disableIdentityMap: true }),
    em.find(
      CreditEntryRow,
      { violation: true, date: { $gt: addMonths(asOf, -VIOLATION_WINDOW_MONTHS), $lte: asOf } },
      { fields: ['uscc'], disableIdentityMap: true },
    ),
  ]);
  return new Set([...flags, ...complaints, ...violations].map((row) => row.uscc));
}

/** The facts a draw of a task in `year` needs, read at `asOf`. */
export async function entityFacts(em: EntityManager, taskId: string, year: number, asOf: string): Promise<EntityFacts> {
  const activeTasks = await em.find(
    InspectionTask,
    { year, status: { $ne: TaskStatus.CANCELLED }, id: { $ne: taskId } },
    { fields: ['id'], disableIdentityMap: true },
  );
  const [drawn, open, highRisk] = await Promise.all([
    activeTasks.length
      ? em.find(Assignment, { year, task: { $in: activeTasks.map((task) => task.id) } }, { fields: ['uscc'], disableIdentityMap: true })
      : Promise.resolve([] as Assignment[]),
    em.find(ComplaintRow, { open: true }, { fields: ['uscc'], disableIdentityMap: true }),
    highRiskEntities(em, asOf),
  ]);
  return {
    drawnThisYear: new Set(drawn.map((row) => row.uscc)),
    openComplaints: new Set(open.map((row) => row.uscc)),
    highRisk,
  };
}
