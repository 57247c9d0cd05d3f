import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { manyBy, oneBy } from '../../../common/loaders';
import { couldBeStoredKey } from '../../../common/text';
import { Assignment, AssignmentMember } from './assignments/assignment.entity';
import { CreditClassRow } from './credit/credit-class.entity';
import { MarketEntityRow } from './credit/credit.entities';
import { DrawRow } from './draw/draw.entity';
import { TaskPoolRow } from './draw/task-pool.entity';
import { Publication } from './publication/publication.entity';
import { InspectionResultRow } from './results/inspection-result.entity';
import { ResultAmendmentRow } from './publication/result-amendment.entity';
import { InspectionTask } from './tasks/inspection-task.entity';
import { createProgressLoader } from './tasks/task-progress';

/** One loader set per request, so lists of any length cost a fixed number of statements. */
export function createJointLoaders(em: EntityManager) {
  return {
    task: oneBy(em, InspectionTask, 'id'),
    /** Draw rows without their record (megabytes each): lists of tasks with their draws stay light. */
    draw: oneBy(em, DrawRow, 'task'),
    /** SSJ-DRAW-2 pools fixed at commit, without their texts. */
    taskPool: oneBy(em, TaskPoolRow, 'task'),
    /** The records themselves, for `Draw.record`. */
    drawRecord: new DataLoader<string, string>(async (tasks) => {
      const rows = await em.find(DrawRow, { task: { $in: tasks.filter(couldBeStoredKey) } }, { fields: ['task', 'record'], disableIdentityMap: true });
      const records = new Map(rows.map((row) => [row.task, row.record]));
      return tasks.map((task) => records.get(task) ?? new Error(`no draw record for ${task}`));
    }),
    publication: oneBy(em, Publication, 'task'),
    assignment: oneBy(em, Assignment, 'id'),
    entity: oneBy(em, MarketEntityRow, 'uscc'),
    /** 信用风险分类 of entities, the one in force first. */
    creditClassesOfEntity: manyBy(em, CreditClassRow, 'uscc', { assessedOn: 'desc', id: 'desc' }),
    /** 录入进度 per task id. */
    taskProgress: createProgressLoader(em),
    resultsOfAssignment: manyBy(em, InspectionResultRow, 'assignment', { itemDivision: 'asc', itemCode: 'asc' }),
    /** Corrections of published results, oldest first. */
    amendmentsOfAssignment: manyBy(em, ResultAmendmentRow, 'assignment', { id: 'asc' }),
    assignmentsOfEntity: manyBy(em, Assignment, 'uscc', { year: 'desc', id: 'asc' }),
    /** Assignment ids of inspectors, keyed `division|id|year` (year empty for every year). */
    membershipsOfInspector: new DataLoader<string, string[]>(async (keys) => {
      const parsed = keys.map((key) => key.split('|') as [string, string, string]);
      const rows = await em.find(
        AssignmentMember,
        { $or: parsed.map(([division, inspector]) => ({ division, inspector })) },
        { orderBy: { assignment: 'desc' }, fields: ['assignment', 'division', 'inspector', 'year'] },
      );
      return parsed.map(([division, inspector, year]) =>
        rows
          .filter((row) => row.division === division && row.inspector === inspector && (year === '' || String(row.year) === year))
          .map((row) => row.assignment),
      );
    }),
  };
}

export type JointLoaders = ReturnType<typeof createJointLoaders>;
