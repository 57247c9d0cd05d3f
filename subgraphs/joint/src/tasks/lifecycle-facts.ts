import { shanghaiDate } from '../../../../common/dates';
import type { JointContext } from '../context';
import type { LifecycleFacts } from './lifecycle';
import type { InspectionTask } from './inspection-task.entity';
import { TaskStatus } from './task-enums';

/**
 * The facts that pick a task's row of the lifecycle table besides its stored fields: today's date
 * (Asia/Shanghai), and, for a cancellation awaiting a decision, whether a draw exists (the draw row is
 * stored in the same transaction as the move to DRAWN, and no draw happens while a request waits, so
 * its presence is the task's history).
 */
export async function lifecycleFacts(context: Pick<JointContext, 'now' | 'loaders'>, task: Pick<InspectionTask, 'id' | 'status'>): Promise<LifecycleFacts> {
  const today = shanghaiDate(context.now());
  if (task.status !== TaskStatus.CANCELLATION_REQUESTED) return { today };
  return { today, drawn: (await context.loaders.draw.load(task.id)) !== null };
}
