/**
 * 抽取 with SSJ-DRAW-2 (docs/draw-algorithm.md §4–§8): the pool committed with the task, the
 * declared beacon's value, and the changes of §7 read from the live data — nothing else. The
 * divisions are read only for their inspectors (who lapsed, who declared a conflict since the
 * commit); the selection never depends on a directory as it is today.
 */
import type { EntityManager } from '@mikro-orm/core';
import { auditedTransaction } from '../../../../common/audit/audit-log';
import { addDays, shanghaiDate } from '../../../../common/dates';
import { sha256Hex } from '../../../../common/digest';
import { domainError } from '../../../../common/errors';
import { Assignment, AssignmentMember } from '../assignments/assignment.entity';
import type { JointContext } from '../context';
import { ComplaintRow, MarketEntityRow } from '../credit/credit.entities';
import type { CreditRiskClass } from '../credit/credit-risk-class';
import { InspectionTask } from '../tasks/inspection-task.entity';
import { Stratum, TaskKind, TaskStatus } from '../tasks/task-enums';
import { movesFrom, permittedMove } from '../tasks/lifecycle';
import { transition } from '../tasks/task-service';
import { nextNumber } from '../support/counter.entity';
import { NotEnoughInspectorsError } from './algorithm';
import { DrawRow } from './draw.entity';
import { insertRows } from './insert-rows';
import { recordTexts2, runDraw2, type DrawExceptions, type PublicPool, type PublishedPool, type FullRecord2, type PublicRecord2 } from './ssj-draw-2/algorithm';
import { beaconValueProblem, POOL_LIFETIME_DAYS } from './ssj-draw-2/rules';
import { TaskPoolRow } from './task-pool.entity';
import type { StoredClearPool } from './task-pool';

const DRAW = 'drawInspectionTask';

/** The stored pool of a task committed with SSJ-DRAW-2, without its texts; null for a task committed before. */
export function committedPool(em: EntityManager, task: string): Promise<TaskPoolRow | null> {
  return em.findOne(TaskPoolRow, { task }, { disableIdentityMap: true });
}

/**
 * §7 and §1 — the day of the draw must be at most 30 days after the pool's. (That it is not before the
 * declared beacon's date is the lifecycle table's: such a task is in its COMMITTED_BEFORE_BEACON row.)
 */
export function drawDayRefusal(task: InspectionTask, pool: { asOf: string }, today: string): Error | null {
  const last = addDays(pool.asOf, POOL_LIFETIME_DAYS);
  if (today > last) {
    return domainError(
      'POOL_EXPIRED',
      `任务 ${task.id} 的抽取池于 ${pool.asOf} 确定，已超过 ${POOL_LIFETIME_DAYS} 天（最晚 ${last} 抽取），不能再抽取：请撤销该任务并重新创建、确定 (the pool fixed on ${pool.asOf} is more than ${POOL_LIFETIME_DAYS} days old: cancel the task and commit it anew)`,
      { task: task.id, asOf: pool.asOf, last },
    );
  }
  return null;
}

/** §4 — the beacon value as the declaration's source writes it: printable ASCII words separated by single spaces. */
export function beaconValueRefusal(beacon: string): Error | null {
  const problem = beaconValueProblem(beacon);
  if (!problem) return null;
  return domainError(
    'BAD_USER_INPUT',
    `公开随机数应按声明的写法录入：1 到 200 个半角可打印字符（数字、字母、符号），以单个空格分隔，首尾无空格，例如「5 8 2」 (invalid beacon: ${problem})`,
    { field: 'beacon' },
  );
}

/**
 * §7 — pool entities another non-cancelled task of the year has drawn, with that task and the
 * day it drew them; for a RANDOM task only, and not those with an open complaint (rule 3). The
 * pool held no entity drawn before the commit without an open complaint then, so each of these
 * is a change since the commit; its day is at least the pool's.
 */
async function withdrawnTargets(em: EntityManager, task: InspectionTask, stored: StoredClearPool, asOf: string): Promise<DrawExceptions['withdrawnTargets']> {
  if (task.kind !== TaskKind.RANDOM) return [];
  const others = await em.find(
    InspectionTask,
    { year: task.year, status: { $ne: TaskStatus.CANCELLED }, id: { $ne: task.id } },
    { fields: ['id'], disableIdentityMap: true },
  );
  if (others.length === 0) return [];
  const draws = await em.find(DrawRow, { task: { $in: others.map((other) => other.id) } }, { fields: ['task', 'drawnAt'], disableIdentityMap: true });
  if (draws.length === 0) return [];
  const drawnOn = new Map(draws.map((draw) => [draw.task, shanghaiDate(new Date(draw.drawnAt))]));
  const [rows, open] = await Promise.all([
    em.find(Assignment, { year: task.year, task: { $in: [...drawnOn.keys()] } }, { fields: ['uscc', 'task'], disableIdentityMap: true }),
    em.find(ComplaintRow, { open: true }, { fields: ['uscc'], disableIdentityMap: true }),
  ]);
  const inPool = new Set(stored.entities.map(([uscc]) => uscc));
  const complained = new Set(open.map((row) => row.uscc));
  return rows
    .filter((row) => inPool.has(row.uscc) && !complained.has(row.uscc))
    .map((row) => {
      const on = drawnOn.get(row.task)!;
      return { uscc: row.uscc, task: row.task, on: on < asOf ? asOf : on };
    });
}

/**
 * §7 — pool inspectors who are no longer eligible, and conflicts pool inspectors declared with
 * pool entities since the commit, from each division's inspectors as they are now. The day of
 * each is the day the office finds it: the draw's.
 */
async function inspectorChanges(
  context: JointContext,
  task: InspectionTask,
  stored: StoredClearPool,
  today: string,
): Promise<Pick<DrawExceptions, 'withdrawnInspectors' | 'lateConflicts'>> {
  const live = await Promise.all(task.divisionCodes.map((division) => context.divisions.drawPool(division, [], context.viewer.requestId)));
  const inPool = new Set(stored.entities.map(([uscc]) => uscc));
  const withdrawnInspectors: DrawExceptions['withdrawnInspectors'] = [];
  const lateConflicts: DrawExceptions['lateConflicts'] = [];
  for (const inspector of stored.pool.inspectors) {
    const now = live.find((pool) => pool.division === inspector.division)?.inspectors.find((candidate) => candidate.id === inspector.id);
    const expertise = [
      ...new Set(
        task.itemSnapshots
          .filter((item) => item.division === inspector.division)
          .map((item) => item.requiredExpertise)
          .filter((label): label is string => !!label),
      ),
    ];
    const eligible = !!now && now.certificateValidUntil >= task.periodEnd && expertise.every((label) => now.expertise.includes(label));
    if (!eligible) {
      withdrawnInspectors.push({ division: inspector.division, id: inspector.id, on: today });
      continue;
    }
    const committed = new Set(inspector.conflicts);
    for (const uscc of now.conflicts) {
      if (inPool.has(uscc) && !committed.has(uscc)) lateConflicts.push({ division: inspector.division, id: inspector.id, uscc, on: today });
    }
  }
  return { withdrawnInspectors, lateConflicts };
}

/**
 * §3 — the public pool published at commit, read back: its text must still give the digest
 * published then, and the stored entries and pseudonyms open it, so the draw computes no
 * commitment it does not reveal.
 */
function publishedPool(task: InspectionTask, meta: TaskPoolRow, stored: StoredClearPool, text: string): PublishedPool {
  const digest = sha256Hex(text);
  if (digest !== meta.digest) throw new Error(`the stored public pool of ${task.id} no longer gives the digest published at commit`);
  return {
    pool: JSON.parse(text) as PublicPool,
    digest,
    entries: new Map(stored.entities.map(([uscc, entry]) => [uscc, entry])),
    pseudonyms: new Map(stored.inspectors.map(([division, id, pseudonym]) => [`${division}/${id}`, pseudonym])),
  };
}

interface Drawn2 {
  publicRecord: PublicRecord2;
  fullRecord: FullRecord2;
  withdrawnKey: string;
}

const withdrawnKeyOf = (targets: DrawExceptions['withdrawnTargets']) =>
  targets
    .map((target) => `${target.uscc}/${target.task}/${target.on}`)
    .sort()
    .join(',');

/** §4–§8 on the stored pool: no I/O. A team that cannot be formed is refused, naming the division and the entity. */
function compute(
  task: InspectionTask,
  row: TaskPoolRow,
  stored: StoredClearPool,
  published: PublishedPool,
  beacon: string,
  today: string,
  exceptions: DrawExceptions,
): Drawn2 {
  try {
    const { publicRecord, fullRecord } = runDraw2({
      published,
      clear: stored.pool,
      poolKey: row.poolKey,
      secret: task.secret!,
      beacon,
      drawnOn: today,
      exceptions,
      excluded: stored.excluded,
    });
    // The pool is published under its digest at commit: a stored pool that no longer gives it is not drawn from.
    if (publicRecord.poolDigest !== row.digest) throw new Error(`the stored pool of ${task.id} no longer gives the digest published at commit`);
    return { publicRecord, fullRecord, withdrawnKey: withdrawnKeyOf(exceptions.withdrawnTargets) };
  } catch (error) {
    if (error instanceof NotEnoughInspectorsError) {
      const uscc = stored.entities.find(([, entry]) => entry === error.uscc)?.[0] ?? error.uscc;
      throw domainError(
        'NOT_ENOUGH_INSPECTORS',
        `${error.division} 没有足够的符合条件的执法检查人员（在岗、执法证有效至 ${task.periodEnd}、具备所需专长、无需回避），无法为 ${uscc} 组成检查组 (division ${error.division} has too few eligible inspectors for entity ${uscc})`,
        { division: error.division, uscc },
      );
    }
    throw error;
  }
}

export type Stored2 = { kind: 'stored'; publicRecord: PublicRecord2; redrawn: boolean; phases: Record<string, number> } | { kind: 'status-changed' };

/**
 * Draws a task committed with SSJ-DRAW-2 and stores the public record, the full record, the
 * assignments and the status change in one transaction, holding the year's draw queue (as
 * SSJ-DRAW-1 does): if another task of the year drew one of the pool's entities meanwhile, the
 * draw is computed again with that withdrawal. A failure stores nothing.
 */
export async function drawTask2(context: JointContext, task: InspectionTask, meta: TaskPoolRow, beacon: string, lap: () => number): Promise<Stored2> {
  const refusal = beaconValueRefusal(beacon);
  if (refusal) throw refusal;
  const today = shanghaiDate(context.now());
  const dayRefusal = drawDayRefusal(task, meta, today);
  if (dayRefusal) throw dayRefusal;
  const texts = await context.em.findOneOrFail(TaskPoolRow, { task: task.id }, { fields: ['clearPool', 'publicPool', 'poolKey'], disableIdentityMap: true });
  const stored = JSON.parse(texts.clearPool) as StoredClearPool;
  const row = { ...meta, poolKey: texts.poolKey } as TaskPoolRow;
  const published = publishedPool(task, meta, stored, texts.publicPool);
  const poolMs = lap();
  const changes = await inspectorChanges(context, task, stored, today);
  const exceptions = { withdrawnTargets: await withdrawnTargets(context.em, task, stored, meta.asOf), ...changes };
  const buildMs = lap();
  const first = compute(task, row, stored, published, beacon, today, exceptions);
  const algorithmMs = lap();
  const id = task.id;
  const now = context.now().toISOString();
  let redrawn = false;
  const result = await auditedTransaction<Stored2>(context.em, context.viewer, async (em) => {
    await nextNumber(em, `draw-queue:${task.year}`);
    const current = await em.findOne(InspectionTask, { id }, { fields: ['status'], disableIdentityMap: true });
    if (!current || !movesFrom(DRAW).includes(current.status)) return { result: { kind: 'status-changed' as const }, audit: [] };
    let drawn = first;
    const targets = await withdrawnTargets(em, task, stored, meta.asOf);
    if (withdrawnKeyOf(targets) !== first.withdrawnKey) {
      context.logger.info({ task: id }, 'another task of the year drew a pool entity meanwhile: drawing again with its withdrawal');
      drawn = compute(task, row, stored, published, beacon, today, { withdrawnTargets: targets, ...changes });
      redrawn = true;
    }
    const { to } = permittedMove(context.viewer, current, DRAW);
    if (!(await transition(em, task, movesFrom(DRAW, to), { status: to, updatedAt: now }))) return { result: { kind: 'status-changed' as const }, audit: [] };
    const { publicRecord, fullRecord } = drawn;
    const { publicJson, fullJson } = recordTexts2(fullRecord, texts.publicPool);
    const high = (riskClass: string) => riskClass === 'C' || riskClass === 'D';
    await insertRows(em, DrawRow, [
      {
        task: id,
        drawnAt: now,
        drawnBy: context.viewer.sub,
        algorithm: publicRecord.algorithm,
        beacon,
        secret: publicRecord.secret,
        seed: publicRecord.seed,
        poolDigest: publicRecord.poolDigest,
        poolSize: publicRecord.pool.targets.length,
        highPoolSize: publicRecord.pool.targets.filter((target) => high(target.class)).length,
        selectedCount: publicRecord.assignments.length,
        highSelectedCount: publicRecord.assignments.filter((assignment) => high(assignment.class)).length,
        excludedCount: stored.excluded.length,
        record: publicJson,
        fullRecord: fullJson,
      },
    ]);
    const byEntry = new Map(stored.entities.map(([uscc, entry, name, itemKeys]) => [entry, { uscc, name, itemKeys }]));
    const byPseudonym = new Map(stored.inspectors.map(([division, inspector, pseudonym]) => [pseudonym, { division, id: inspector }]));
    const assignments = publicRecord.assignments.map((drawnTarget, index) => {
      const entity = byEntry.get(drawnTarget.entry)!;
      return {
        id: `${id}-${String(index + 1).padStart(3, '0')}`,
        task: id,
        year: task.year,
        position: index + 1,
        uscc: entity.uscc,
        entityName: entity.name,
        stratum: high(drawnTarget.class) ? Stratum.HIGH : Stratum.NORMAL,
        riskClass: drawnTarget.class as CreditRiskClass,
        divisionCodes: drawnTarget.divisions,
        itemKeys: entity.itemKeys,
        team: drawnTarget.team.map((seat) => byPseudonym.get(seat.inspector)!),
      };
    });
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
      result: { kind: 'stored' as const, publicRecord, redrawn, phases: { poolMs, buildMs, algorithmMs, storeMs: lap() } },
      audit: [
        {
          action: 'drawInspectionTask',
          subject: `task:${id}`,
          input: {
            id,
            beacon,
            poolDigest: publicRecord.poolDigest,
            seed: publicRecord.seed,
            selected: publicRecord.assignments.length,
            withdrawnTargets: fullRecord.withdrawn.targets.length,
            withdrawnInspectors: fullRecord.withdrawn.inspectors.length,
            lateConflicts: fullRecord.lateConflicts.length,
          },
        },
      ],
    };
  });
  return result;
}
