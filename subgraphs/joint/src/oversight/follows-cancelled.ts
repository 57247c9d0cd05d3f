import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { DrawRow } from '../draw/draw.entity';
import { InspectionTask, type ItemSnapshot } from '../tasks/inspection-task.entity';
import { TaskStatus } from '../tasks/task-enums';

/**
 * A task's pool is the directory entries of its items' categories, division by
 * division (a DIRECTED task's named entities are among them). Two pools overlap
 * when they share a category of the same division: worked out from the item
 * lists alone, which are public, so the answer is the same for everyone and says
 * nothing about whom an undrawn or unpublished task selects.
 */
function poolKeys(items: readonly ItemSnapshot[]): Set<string> {
  return new Set(items.map((item) => `${item.division}|${item.targetCategory}`));
}

interface CancelledDraw {
  task: InspectionTask;
  drawnAt: string;
}

/** Per request: the cancelled draws of each year asked about, and when each task asked about was drawn — two queries for a whole page of tasks. */
export interface FollowsCancelledLoaders {
  cancelledDraws: DataLoader<number, CancelledDraw[]>;
  drawnAt: DataLoader<string, string | null>;
}

export function followsCancelledLoaders(em: EntityManager): FollowsCancelledLoaders {
  return {
    cancelledDraws: new DataLoader<number, CancelledDraw[]>(async (years) => {
      const cancelled = await em.find(
        InspectionTask,
        { year: { $in: [...years] }, status: TaskStatus.CANCELLED, cancelApprovedBy: { $ne: null } },
        { orderBy: { id: 'asc' } },
      );
      const draws = cancelled.length
        ? await em.find(DrawRow, { task: { $in: cancelled.map((task) => task.id) } }, { fields: ['task', 'drawnAt'], disableIdentityMap: true })
        : [];
      const drawnAt = new Map(draws.map((draw) => [draw.task, draw.drawnAt]));
      return years.map((year) =>
        cancelled.filter((task) => task.year === year && drawnAt.has(task.id)).map((task) => ({ task, drawnAt: drawnAt.get(task.id)! })),
      );
    }),
    drawnAt: new DataLoader<string, string | null>(async (tasks) => {
      const draws = await em.find(DrawRow, { task: { $in: [...tasks] } }, { fields: ['task', 'drawnAt'], disableIdentityMap: true });
      return tasks.map((task) => draws.find((draw) => draw.task === task)?.drawnAt ?? null);
    }),
  };
}

/**
 * 接续已撤销的抽取 — the tasks of the same year whose draw was cancelled (with a
 * supervisor's approval) before this task was drawn, or while it is still to be
 * drawn, and whose pool overlaps this task's: drawing again over the same pool
 * after a cancellation is how a sample would be shopped for.
 */
export async function followedCancelledTasks(loaders: FollowsCancelledLoaders, task: InspectionTask): Promise<InspectionTask[]> {
  const cancelled = (await loaders.cancelledDraws.load(task.year)).filter((draw) => draw.task.id !== task.id);
  if (cancelled.length === 0) return [];
  const own = await loaders.drawnAt.load(task.id);
  const keys = poolKeys(task.itemSnapshots);
  return cancelled
    .filter((draw) => (own === null || draw.drawnAt < own) && [...poolKeys(draw.task.itemSnapshots)].some((key) => keys.has(key)))
    .map((draw) => draw.task);
}
