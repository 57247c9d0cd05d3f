/**
 * SSJ-DRAW-2 at commit (docs/draw-algorithm.md §1–§3): the clear pool built from the divisions'
 * pools and the joint office's records, its classes, and the public pool with its digest. What
 * the draw later needs beside the public pool (names, items, who each entry and pseudonym is)
 * is kept with the clear pool, so the draw reads no directory for the selection.
 */
import type { EntityManager } from '@mikro-orm/core';
import { domainError } from '../../../../common/errors';
import { Assignment, type ItemKey } from '../assignments/assignment.entity';
import type { JointContext } from '../context';
import { entityFacts } from '../credit/entity-facts';
import type { DivisionPoolData } from '../divisions/division-client';
import { InspectionTask } from '../tasks/inspection-task.entity';
import { TaskStatus } from '../tasks/task-enums';
import { effectiveClassRatios } from '../tasks/draw-definition';
import { buildDrawInput } from './pool';
import { drawClassesFor } from '../credit/draw-class';
import { sha256Hex } from '../../../../common/digest';
import { MIN_TEAM_SIZE, normalizeClearPool, publishPool, canonicalPool, type ClearPool, type CreditClass } from './ssj-draw-2/algorithm';

/** What the office keeps of a pool beside the public one (TaskPoolRow.clearPool). */
export interface StoredClearPool {
  pool: ClearPool;
  /** Left out at commit by rule 3: each entity with the other task that drew it this year. */
  excluded: Array<{ uscc: string; reason: 'DRAWN_THIS_YEAR'; task: string }>;
  /** Per target, in pool order: `[uscc, entry, name, itemKeys]`. */
  entities: Array<[string, string, string, ItemKey[]]>;
  /** Per inspector: `[division, id, pseudonym]`. */
  inspectors: Array<[string, string, string]>;
}

export interface BuiltTaskPool {
  stored: StoredClearPool;
  publicJson: string;
  digest: string;
  counts: Record<CreditClass, number>;
}

/** Reads each division's pool for the task's items (active entries of their categories, active inspectors). */
export function divisionPools(context: JointContext, task: InspectionTask): Promise<DivisionPoolData[]> {
  return Promise.all(
    task.divisionCodes.map((division) =>
      context.divisions.drawPool(
        division,
        [...new Set(task.itemSnapshots.filter((item) => item.division === division).map((item) => item.targetCategory))],
        context.viewer.requestId,
      ),
    ),
  );
}

/** Rule 3's exclusions with the task that drew each entity (the full record names it). */
async function excludedWithTasks(em: EntityManager, task: InspectionTask, usccs: readonly string[]): Promise<StoredClearPool['excluded']> {
  if (usccs.length === 0) return [];
  const others = await em.find(
    InspectionTask,
    { year: task.year, status: { $ne: TaskStatus.CANCELLED }, id: { $ne: task.id } },
    { fields: ['id'], disableIdentityMap: true },
  );
  const wanted = new Set(usccs);
  const rows = others.length
    ? await em.find(Assignment, { year: task.year, task: { $in: others.map((other) => other.id) } }, { fields: ['uscc', 'task'], disableIdentityMap: true })
    : [];
  const pairs = new Map<string, { uscc: string; reason: 'DRAWN_THIS_YEAR'; task: string }>();
  for (const row of rows) if (wanted.has(row.uscc)) pairs.set(`${row.uscc}/${row.task}`, { uscc: row.uscc, reason: 'DRAWN_THIS_YEAR', task: row.task });
  return [...pairs.values()];
}

/**
 * §2–§3 — the task's pool on `asOf`, published under `poolKey`. Refuses (nothing is stored) a
 * DIRECTED task naming an entity no directory holds, and an empty pool.
 */
export async function buildTaskPool(
  context: JointContext,
  task: InspectionTask,
  args: { asOf: string; commitment: string; poolKey: string; beacon: { source: string; date: string } },
): Promise<BuiltTaskPool> {
  const pools = await divisionPools(context, task);
  const facts = await entityFacts(context.em, task.id, task.year, args.asOf);
  const built = buildDrawInput(task, pools, facts, args.asOf);
  if (built.missing.length > 0) {
    throw domainError(
      'BAD_USER_INPUT',
      `以下定向检查对象不在参与部门的名录库中（或已非存续状态、类别不符）：${built.missing.join('、')} (these named entities are in no directory of the task's divisions)`,
      { missing: built.missing },
    );
  }
  if (built.input.targets.length === 0) {
    throw domainError(
      'EMPTY_POOL',
      `没有可抽取的检查对象：名录库中没有符合抽查事项类别的存续主体${built.excluded.length ? `（${built.excluded.length} 户本年度已被抽查）` : ''} (the pool is empty)`,
      { task: task.id },
    );
  }
  const classes = await drawClassesFor(
    context.em,
    built.input.targets.map((target) => target.uscc),
    args.asOf,
  );
  const inPool = new Set(built.input.targets.map((target) => target.uscc));
  const clear = normalizeClearPool({
    task: task.id,
    asOf: args.asOf,
    commitment: args.commitment,
    beacon: args.beacon,
    classRatios: effectiveClassRatios(task),
    inspectorsPerDivision: task.inspectorsPerDivision,
    minTeamSize: MIN_TEAM_SIZE,
    targets: built.input.targets.map((target) => ({ uscc: target.uscc, class: classes.get(target.uscc) ?? 'B', divisions: target.divisions })),
    // §2: declarations about entities outside the pool are irrelevant and left out.
    inspectors: built.input.inspectors.map((inspector) => ({ ...inspector, conflicts: inspector.conflicts.filter((uscc) => inPool.has(uscc)) })),
  });
  const { pool, openings } = publishPool(clear, args.poolKey);
  const counts: Record<CreditClass, number> = { A: 0, B: 0, C: 0, D: 0 };
  for (const target of clear.targets) counts[target.class] += 1;
  const stored: StoredClearPool = {
    pool: clear,
    excluded: await excludedWithTasks(
      context.em,
      task,
      built.excluded.map((excluded) => excluded.uscc),
    ),
    entities: clear.targets.map((target) => {
      const entity = built.entities.get(target.uscc)!;
      return [target.uscc, openings.targets.get(target.uscc)!.entry, entity.name, entity.itemKeys];
    }),
    inspectors: clear.inspectors.map((inspector) => [
      inspector.division,
      inspector.id,
      openings.inspectors.get(`${inspector.division}/${inspector.id}`)!.pseudonym,
    ]),
  };
  const publicJson = canonicalPool(pool);
  return { stored, publicJson, digest: sha256Hex(publicJson), counts };
}
