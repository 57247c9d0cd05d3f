import { auditedTransaction } from '../../../../common/audit/audit-log';
import { addDays, shanghaiDate } from '../../../../common/dates';
import { domainError } from '../../../../common/errors';
import type { JointContext } from '../context';
import type { InspectionTask } from '../tasks/inspection-task.entity';
import { movesFrom, permittedMove, refusalNow, requireActionRole } from '../tasks/lifecycle';
import { findTask, snapshotItems, transition } from '../tasks/task-service';
import { commitmentOf, newSecret } from './algorithm';
import { insertRows } from './insert-rows';
import { newPoolKey } from './ssj-draw-2/commitments';
import { beaconSourceProblem, POOL_LIFETIME_DAYS } from './ssj-draw-2/rules';
import { TaskPoolRow } from './task-pool.entity';
import { buildTaskPool } from './task-pool';

/** §1 — a task is committed with a declared beacon dated from the commit day to 30 days after it. */
function declaredBeacon(task: InspectionTask, asOf: string): { source: string; date: string } {
  if (!task.beaconSource || !task.beaconDate) {
    throw domainError(
      'BEACON_NOT_DECLARED',
      `任务 ${task.id} 尚未声明公开随机数：请先在任务中填写将采用的公开随机数来源及其公布日期，再确定任务 (declare the beacon — its source and date — before committing task ${task.id})`,
      { task: task.id, field: 'beacon' },
    );
  }
  const last = addDays(asOf, POOL_LIFETIME_DAYS);
  if (task.beaconDate < asOf || task.beaconDate > last) {
    throw domainError(
      'BAD_BEACON_DATE',
      `公开随机数的公布日期 ${task.beaconDate} 须在确定之日 ${asOf} 至 ${last} 之间 (the beacon's date must be from the commit day ${asOf} to ${last})`,
      { task: task.id, field: 'beacon.date' },
    );
  }
  const sourceProblem = beaconSourceProblem(task.beaconSource);
  if (sourceProblem) {
    throw domainError('BAD_USER_INPUT', `公开随机数来源不符合抽取算法的文字规则，请修改任务后再确定 (the beacon source: ${sourceProblem})`, {
      task: task.id,
      field: 'beacon.source',
    });
  }
  return { source: task.beaconSource, date: task.beaconDate };
}

/**
 * 确定任务 — freezes the definition (items re-read and frozen as they are now), fixes and
 * publishes the pool (SSJ-DRAW-2: its digest, counts per class and the beacon declaration) and
 * the seed commitment. The secret and the pool key stay stored until the draw.
 */
export async function commitTask(context: JointContext, id: string): Promise<InspectionTask> {
  const action = 'commitInspectionTask';
  requireActionRole(context.viewer, action);
  const task = await findTask(context.em, id);
  const { to } = permittedMove(context.viewer, task, action);
  const asOf = shanghaiDate(context.now());
  const beacon = declaredBeacon(task, asOf);
  const items = await snapshotItems(
    context,
    task.itemSnapshots.map(({ division, code }) => ({ division, code })),
  );
  const secret = newSecret();
  const poolKey = newPoolKey();
  const seedCommitment = commitmentOf(secret);
  const built = await buildTaskPool(context, { ...task, itemSnapshots: items } as InspectionTask, {
    asOf,
    commitment: seedCommitment,
    poolKey,
    beacon,
  });
  const now = context.now().toISOString();
  return auditedTransaction(context.em, context.viewer, async (em) => {
    const committed = await transition(em, task, movesFrom(action, to), {
      status: to,
      itemSnapshots: items,
      secret,
      seedCommitment,
      committedAt: now,
      updatedAt: now,
    });
    if (!committed) throw refusalNow(context.viewer, await findTask(em, id, { refresh: true }), action);
    await insertRows(em, TaskPoolRow, [
      {
        task: id,
        asOf,
        digest: built.digest,
        counts: built.counts,
        inspectorCount: built.stored.pool.inspectors.length,
        poolKey,
        publicPool: built.publicJson,
        clearPool: JSON.stringify(built.stored),
        createdAt: now,
      },
    ]);
    return {
      result: task,
      audit: [
        {
          action: 'commitInspectionTask',
          subject: `task:${id}`,
          input: { id, seedCommitment, poolDigest: built.digest, countsByClass: built.counts, beacon },
        },
      ],
    };
  });
}
