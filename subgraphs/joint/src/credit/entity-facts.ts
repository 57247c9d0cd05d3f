import type { EntityManager } from '@mikro-orm/core';
import { addMonths } from '../../../../common/dates';
import { Assignment } from '../assignments/assignment.entity';
import type { EntityFacts } from '../draw/pool';
import { InspectionTask } from '../tasks/inspection-task.entity';
import { TaskStatus } from '../tasks/task-enums';
import { ComplaintRow, CreditEntryRow, RiskFlagRow } from './credit.entities';

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
