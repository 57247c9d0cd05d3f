import type { EntityManager } from '@mikro-orm/core';
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

/**
 * 接续已撤销的抽取 — the tasks of the same year whose draw was cancelled (with a
 * supervisor's approval) before this task was drawn, or while it is still to be
 * drawn, and whose pool overlaps this task's: drawing again over the same pool
 * after a cancellation is how a sample would be shopped for.
 */
export async function followedCancelledTasks(em: EntityManager, task: InspectionTask): Promise<InspectionTask[]> {
  const cancelled = await em.find(
    InspectionTask,
    { year: task.year, status: TaskStatus.CANCELLED, cancelApprovedBy: { $ne: null }, id: { $ne: task.id } },
    { orderBy: { id: 'asc' } },
  );
  if (cancelled.length === 0) return [];
  const draws = await em.find(
    DrawRow,
    { task: { $in: [task.id, ...cancelled.map((other) => other.id)] } },
    { fields: ['task', 'drawnAt'], disableIdentityMap: true },
  );
  const drawnAt = new Map(draws.map((draw) => [draw.task, draw.drawnAt]));
  const own = drawnAt.get(task.id) ?? null;
  const keys = poolKeys(task.itemSnapshots);
  return cancelled.filter((other) => {
    const otherDrawnAt = drawnAt.get(other.id);
    if (!otherDrawnAt || (own !== null && otherDrawnAt >= own)) return false;
    return [...poolKeys(other.itemSnapshots)].some((key) => keys.has(key));
  });
}
