import { auditedTransaction } from '../../../../common/audit/audit-log';
import type { JointContext } from '../context';
import type { InspectionTask } from '../tasks/inspection-task.entity';
import { movesFrom, permittedMove, refusalNow, requireActionRole } from '../tasks/lifecycle';
import { findTask, snapshotItems, transition } from '../tasks/task-service';
import { commitmentOf, newSecret } from './algorithm';

/**
 * 确定任务 — freezes the definition (items re-read and frozen as they are now) and
 * publishes the seed commitment; the secret stays stored until the draw.
 */
export async function commitTask(context: JointContext, id: string): Promise<InspectionTask> {
  const action = 'commitInspectionTask';
  requireActionRole(context.viewer, action);
  const task = await findTask(context.em, id);
  const { to } = permittedMove(context.viewer, task, action);
  const items = await snapshotItems(
    context,
    task.itemSnapshots.map(({ division, code }) => ({ division, code })),
  );
  const secret = newSecret();
  const now = context.now().toISOString();
  return auditedTransaction(context.em, context.viewer, async (em) => {
    const committed = await transition(em, task, movesFrom(action, to), {
      status: to,
      itemSnapshots: items,
      secret,
      seedCommitment: commitmentOf(secret),
      committedAt: now,
      updatedAt: now,
    });
    if (!committed) throw refusalNow(context.viewer, await findTask(em, id, { refresh: true }), action);
    return { result: task, audit: [{ action: 'commitInspectionTask', subject: `task:${id}`, input: { id, seedCommitment: task.seedCommitment } }] };
  });
}
