import type { EntityManager } from '@mikro-orm/core';
import { shanghaiDate } from '../../../../common/dates';
import { DrawRow } from '../draw/draw.entity';
import type { LifecycleFacts } from './lifecycle';
import type { InspectionTask } from './inspection-task.entity';
import { TaskStatus } from './task-enums';

/**
 * The facts that pick a task's row of the lifecycle table besides its stored fields: today's date
 * (Asia/Shanghai), and, for a cancellation awaiting a decision, whether a draw exists (the draw row is
 * stored in the same transaction as the move to DRAWN, so its presence is the task's history).
 */
export async function lifecycleFacts(em: EntityManager, task: Pick<InspectionTask, 'id' | 'status'>, now: Date): Promise<LifecycleFacts> {
  const today = shanghaiDate(now);
  if (task.status !== TaskStatus.CANCELLATION_REQUESTED) return { today };
  return { today, drawn: (await em.fork().count(DrawRow, { task: task.id })) > 0 };
}
