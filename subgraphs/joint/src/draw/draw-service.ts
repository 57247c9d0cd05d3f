import type { EntityManager } from '@mikro-orm/core';
import { auditedTransaction } from '../../../../common/audit/audit-log';
import { shanghaiDate, shanghaiTimestamp } from '../../../../common/dates';
import { domainError } from '../../../../common/errors';
import { Assignment, AssignmentMember } from '../assignments/assignment.entity';
import type { JointContext } from '../context';
import { MarketEntityRow } from '../credit/credit.entities';
import { findTask, transition } from '../tasks/task-service';
import { InspectionTask } from '../tasks/inspection-task.entity';
import { Stratum, TaskKind } from '../tasks/task-enums';
import { cell, lifecycleRow, movesFrom, permitted, permittedMove, refusalNow, requireActionRole, type TaskRefusal } from '../tasks/lifecycle';
import { lifecycleFacts } from '../tasks/lifecycle-facts';
import type { Viewer } from '../../../../common/viewer';
import { nextNumber } from '../support/counter.entity';
import { beaconProblem, drawRecordJson, InvalidDrawInputError, MAX_BEACON_LENGTH, NotEnoughInspectorsError, runDraw, type DrawRecord } from './algorithm';
import { DrawRow } from './draw.entity';
import { buildDrawInput } from './pool';
import { entityFacts, selectedSinceExcluded, type EntityFacts } from '../credit/entity-facts';
import { committedPool, drawTask2 } from './draw-service-2';
import { insertRows } from './insert-rows';

const DRAW = 'drawInspectionTask';

/** Milliseconds since the previous call (or since it was made), for the phases of a draw in the log. */
function stopwatch(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const elapsed = Math.round(now - last);
    last = now;
    return elapsed;
  };
}

/** The Chinese clause for beaconProblem's reasons (§4: a beacon is 1–200 characters). */
function beaconProblemZh(beacon: unknown): string {
  if (typeof beacon !== 'string') return '应为文本';
  if ([...beacon].length === 0) return '不能为空';
  return `有 ${[...beacon].length} 个字符，最多 ${MAX_BEACON_LENGTH} 个`;
}

/** The refusal of a draw with another beacon than the one the task was drawn with: when, and with which beacon. */
function drawnWithAnother(task: InspectionTask, stored: DrawRow | null, code: TaskRefusal) {
  return domainError(
    code,
    `任务 ${task.id} 已于 ${stored ? shanghaiTimestamp(stored.drawnAt) : ''} 抽取，不能重新抽取 (task ${task.id} was drawn already, with beacon "${stored?.beacon ?? ''}")`,
    { task: task.id, status: task.status, action: DRAW },
  );
}

/**
 * 抽取 — draws a committed task once: reads each division's pool from its own
 * instance, builds the input, runs SSJ-DRAW-1, and stores the record, the
 * assignments and the status change in one transaction. A failure stores nothing.
 */
export async function drawTask(context: JointContext, id: string, beacon: string): Promise<InspectionTask> {
  const stop = context.metrics.drawDuration.startTimer();
  try {
    const task = await drawTaskOnce(context, id, beacon);
    stop({ outcome: 'ok' });
    return task;
  } catch (error) {
    stop({ outcome: 'failed' });
    throw error;
  }
}

async function drawTaskOnce(context: JointContext, id: string, beacon: string): Promise<InspectionTask> {
  requireActionRole(context.viewer, DRAW);
  const problem = beaconProblem(beacon);
  if (problem) throw domainError('BAD_USER_INPUT', `公开随机数无效：${beaconProblemZh(beacon)} (invalid beacon: ${problem})`, { field: 'beacon' });
  const task = await findTask(context.em, id);
  if (permitted(context.viewer, task, DRAW, await lifecycleFacts(context, task)).kind === 'repeat')
    return answerRepeat(context.em, context.viewer, task, beacon);

  const started = Date.now();
  const lap = stopwatch();
  const committedPool2 = await committedPool(context.em, task.id);
  if (committedPool2) {
    // Committed with SSJ-DRAW-2: drawn from the pool fixed at commit. Tasks committed before keep SSJ-DRAW-1.
    const stored2 = await drawTask2(context, task, committedPool2, beacon, lap);
    if (stored2.kind === 'status-changed') return answerNow(context, id, beacon);
    context.metrics.poolSize.observe(stored2.publicRecord.pool.targets.length);
    void context.verifications.schedule(id);
    const { publicRecord } = stored2;
    context.logger.info(
      {
        task: id,
        algorithm: publicRecord.algorithm,
        poolSize: publicRecord.pool.targets.length,
        selected: publicRecord.assignments.length,
        ms: Date.now() - started,
        phases: { ...stored2.phases, redrawn: stored2.redrawn },
      },
      'task drawn',
    );
    return task;
  }
  const asOf = shanghaiDate(context.now());
  const pools = await Promise.all(
    task.divisionCodes.map((division) =>
      context.divisions.drawPool(
        division,
        [...new Set(task.itemSnapshots.filter((item) => item.division === division).map((item) => item.targetCategory))],
        context.viewer.requestId,
      ),
    ),
  );
  const poolsMs = lap();
  // First on facts read without a lock, so other draws of the year are not held up
  // by this one's computation; if one of them changed the once-a-year facts
  // meanwhile, again while holding the year's queue, where nothing can change them.
  const facts = await entityFacts(context.em, task.id, task.year, asOf);
  const factsMs = lap();
  const first = computeDraw(task, pools, facts, beacon, asOf, lap);
  context.metrics.poolSize.observe(first.built.input.targets.length);
  let stored = await storeDraw(context, task, beacon, { kind: 'computed', drawn: first, facts, asOf });
  if (stored === 'stale') {
    context.logger.info({ task: id }, 'another task of the year was drawn meanwhile: drawing again on the current facts');
    stored = await storeDraw(context, task, beacon, { kind: 'under-lock', pools, asOf, lap });
  }
  // Another call changed the task's status first: answer from what is stored now.
  if (stored === 'status-changed' || stored === 'stale') return answerNow(context, id, beacon);
  const { record } = stored;
  // Verified off the event loop; the coordinator does not wait for it, a read of `verification` does.
  void context.verifications.schedule(id);
  const phases = { poolsMs, factsMs, buildMs: stored.buildMs, runMs: stored.runMs, storeMs: lap(), redrawn: stored !== first };
  context.logger.info({ task: id, poolSize: record.input.targets.length, selected: record.assignments.length, ms: Date.now() - started, phases }, 'task drawn');
  return task;
}

interface ComputedDraw {
  built: ReturnType<typeof buildDrawInput>;
  record: DrawRecord;
  /** Milliseconds spent building the input and running SSJ-DRAW-1, for the log. */
  buildMs: number;
  runMs: number;
}

/** Builds the input from the pools and facts and runs SSJ-DRAW-1: no I/O. */
function computeDraw(
  task: InspectionTask,
  pools: Parameters<typeof buildDrawInput>[1],
  facts: EntityFacts,
  beacon: string,
  asOf: string,
  lap: () => number,
): ComputedDraw {
  const built = buildDrawInput(task, pools, facts, asOf);
  const buildMs = lap();
  if (built.missing.length > 0) {
    throw domainError(
      'BAD_USER_INPUT',
      `以下定向检查对象不在参与部门的名录库中（或已非存续状态、类别不符）：${built.missing.join('、')} (these named entities are in no directory of the task's divisions)`,
      {
        missing: built.missing,
      },
    );
  }
  if (built.input.targets.length === 0) {
    throw domainError(
      'EMPTY_POOL',
      `没有可抽取的检查对象：名录库中没有符合抽查事项类别的存续主体${built.excluded.length ? `（${built.excluded.length} 户本年度已被抽查）` : ''} (the pool is empty)`,
      { task: task.id },
    );
  }
  try {
    const record = runDraw({ input: built.input, secret: task.secret!, beacon, commitment: task.seedCommitment!, excluded: built.excluded });
    return { built, record, buildMs, runMs: lap() };
  } catch (error) {
    if (error instanceof NotEnoughInspectorsError) {
      throw domainError(
        'NOT_ENOUGH_INSPECTORS',
        `${error.division} 没有足够的符合条件的执法检查人员（在岗、执法证有效至 ${task.periodEnd}、具备所需专长、无需回避），无法为 ${error.uscc} 组成检查组 (division ${error.division} has too few eligible inspectors for entity ${error.uscc})`,
        {
          division: error.division,
          uscc: error.uscc,
        },
      );
    }
    if (error instanceof InvalidDrawInputError)
      throw domainError('BAD_USER_INPUT', `抽取数据无效，未能抽取，请联系系统管理员 (invalid draw input: ${error.problems.join('; ')})`);
    throw error;
  }
}

/** Thrown inside the store transaction to roll it back when the facts it drew on are out of date. */
class StaleFacts extends Error {}

/** A draw computed on facts read earlier, to be checked against the current ones; or one to compute while holding the queue. */
type DrawToStore =
  | { kind: 'computed'; drawn: ComputedDraw; facts: EntityFacts; asOf: string }
  | { kind: 'under-lock'; pools: Parameters<typeof buildDrawInput>[1]; asOf: string; lap: () => number };

/**
 * Stores a draw in one transaction. Draws of the same year queue on one
 * counter row, `draw-queue:<year>` (a row lock on PostgreSQL, the write lock
 * on SQLite; its value only counts the attempts). Holding it, a draw computed
 * earlier is checked: if another task of the year drew one of its entities
 * meanwhile (rule 3), nothing is stored and the answer is `stale`. A draw
 * computed under the lock needs no check.
 */
async function storeDraw(
  context: JointContext,
  task: InspectionTask,
  beacon: string,
  toStore: DrawToStore,
): Promise<ComputedDraw | 'status-changed' | 'stale'> {
  const id = task.id;
  const now = context.now().toISOString();
  try {
    return await auditedTransaction<ComputedDraw | 'status-changed'>(context.em, context.viewer, async (em) => {
      await nextNumber(em, `draw-queue:${task.year}`);
      const current = await em.findOne(InspectionTask, { id }, { fields: ['status'], disableIdentityMap: true });
      if (!current || !movesFrom(DRAW).includes(current.status)) return { result: 'status-changed' as const, audit: [] };
      let drawn: ComputedDraw;
      if (toStore.kind === 'computed') {
        drawn = toStore.drawn;
        if (task.kind === TaskKind.RANDOM) {
          const facts = await entityFacts(em, id, task.year, toStore.asOf);
          if (
            selectedSinceExcluded(
              drawn.record.assignments.map((assignment) => assignment.uscc),
              toStore.facts,
              facts,
            ).length > 0
          )
            throw new StaleFacts();
        }
      } else {
        const facts = await entityFacts(em, id, task.year, toStore.asOf);
        drawn = computeDraw(task, toStore.pools, facts, beacon, toStore.asOf, toStore.lap);
      }
      const { built, record } = drawn;
      const { to } = permittedMove(context.viewer, current, DRAW);
      if (!(await transition(em, task, movesFrom(DRAW, to), { status: to, updatedAt: now }))) {
        return { result: 'status-changed' as const, audit: [] };
      }
      const high = record.assignments.filter((assignment) => assignment.stratum === 'HIGH').length;
      const drawRow = {
        task: id,
        drawnAt: now,
        drawnBy: context.viewer.sub,
        algorithm: record.input.algorithm,
        beacon,
        secret: record.secret,
        seed: record.seed,
        poolDigest: record.poolDigest,
        poolSize: record.input.targets.length,
        highPoolSize: record.input.targets.filter((target) => target.stratum === 'HIGH').length,
        selectedCount: record.assignments.length,
        highSelectedCount: high,
        excludedCount: record.excluded.length,
        record: drawRecordJson(record),
      };
      await insertRows(em, DrawRow, [drawRow]);
      const assignments = record.assignments.map((drawn, index) => ({
        id: `${id}-${String(index + 1).padStart(3, '0')}`,
        task: id,
        year: task.year,
        position: index + 1,
        uscc: drawn.uscc,
        entityName: built.entities.get(drawn.uscc)?.name ?? drawn.uscc,
        stratum: drawn.stratum as Stratum,
        divisionCodes: drawn.divisions,
        itemKeys: built.entities.get(drawn.uscc)?.itemKeys ?? [],
        team: drawn.team,
      }));
      const members = assignments.flatMap((assignment) =>
        assignment.team.map((member) => ({ assignment: assignment.id, task: id, year: task.year, division: member.division, inspector: member.id })),
      );
      await insertRows(em, Assignment, assignments);
      await insertRows(em, AssignmentMember, members);
      await insertRows(
        em,
        MarketEntityRow,
        assignments.map((assignment) => ({ uscc: assignment.uscc, name: assignment.entityName, updatedAt: now })),
        { mergeOn: 'uscc' },
      );
      return {
        result: drawn,
        audit: [
          {
            action: 'drawInspectionTask',
            subject: `task:${id}`,
            input: { id, beacon, poolDigest: record.poolDigest, seed: record.seed, selected: record.assignments.length },
          },
        ],
      };
    });
  } catch (error) {
    if (error instanceof StaleFacts) return 'stale';
    throw error;
  }
}

/** Another call changed the task's status first: the answer from what is stored now. */
async function answerNow(context: JointContext, id: string, beacon: string): Promise<InspectionTask> {
  const em = context.em.fork();
  const current = await findTask(em, id);
  const facts = await lifecycleFacts(context, current);
  if (cell(lifecycleRow(current, facts), DRAW).kind !== 'repeat') throw refusalNow(context.viewer, current, DRAW, facts);
  return answerRepeat(em, context.viewer, current, beacon);
}

/** A task drawn already: a repeated call with the draw's own beacon gets the drawn task, another beacon the table's refusal. */
async function answerRepeat(em: EntityManager, viewer: Viewer, task: InspectionTask, beacon: string): Promise<InspectionTask> {
  const entry = permitted(viewer, task, DRAW);
  const stored = await em.findOne(DrawRow, { task: task.id });
  if (stored?.beacon === beacon) return task;
  if (entry.kind === 'repeat' && entry.otherwise) throw drawnWithAnother(task, stored, entry.otherwise);
  throw new Error(`the lifecycle names no refusal of a second draw of a ${task.status} task`);
}
