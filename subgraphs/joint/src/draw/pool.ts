import type { ItemKey } from '../assignments/assignment.entity';
import type { DivisionPoolData } from '../divisions/division-client';
import type { ItemSnapshot } from '../tasks/inspection-task.entity';
import { TaskKind } from '../tasks/task-enums';
import { excludedAsDrawnThisYear, type EntityFacts } from '../credit/entity-facts';
import { DRAW_ALGORITHM, MIN_TEAM_SIZE, type DrawInput, type DrawInspector, type DrawTarget, type ExcludedTarget } from './algorithm';

export interface TaskDefinition {
  id: string;
  kind: TaskKind;
  divisionCodes: string[];
  itemSnapshots: ItemSnapshot[];
  namedTargets: string[];
  ratioBp: number;
  highRiskRatioBp: number;
  inspectorsPerDivision: number;
  periodEnd: string;
}

/** One market entity of the pool, merged over the directories that list it. */
export interface PoolEntity {
  name: string;
  divisions: string[];
  itemKeys: ItemKey[];
}

export interface BuiltPool {
  input: DrawInput;
  excluded: ExcludedTarget[];
  /** Every entity of the pool by USCC: its name (from the first directory listing it) and the task items that apply to it. */
  entities: ReadonlyMap<string, PoolEntity>;
  /** Named entities of a DIRECTED task that no division's directory holds (active, matching category). */
  missing: string[];
}

/**
 * Identifiers of the draw input are ASCII (DRAW-ALGORITHM §3), where comparing
 * UTF-16 code units is comparing bytes. The input is handed over already in
 * §3 order so that `normalizeDrawInput`'s byte-order sort only confirms it
 * (linear time on sorted data); the algorithm still sorts, so a value this
 * comparison orders differently could never change a draw.
 */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The draw input of DRAW-ALGORITHM §2–3 from the divisions' pools and the joint
 * office's records: entries merged by USCC across directories, the once-a-year
 * exclusion, strata, and the inspectors eligible for the task.
 */
export function buildDrawInput(task: TaskDefinition, pools: readonly DivisionPoolData[], facts: EntityFacts, asOf: string): BuiltPool {
  const entities = new Map<string, PoolEntity>();
  const inspectors: DrawInspector[] = [];

  for (const pool of pools) {
    const items = task.itemSnapshots.filter((item) => item.division === pool.division);
    // Entries of one directory share a handful of category lists: work out each one's items once.
    const itemsFor = new Map<string, ItemKey[]>();
    for (const target of pool.targets) {
      const combination = target.categories.join('|');
      let applicable = itemsFor.get(combination);
      if (!applicable) {
        applicable = items.filter((item) => target.categories.includes(item.targetCategory)).map(({ division, code }) => ({ division, code }));
        itemsFor.set(combination, applicable);
      }
      if (applicable.length === 0) continue;
      const entity = entities.get(target.uscc);
      if (entity) {
        if (!entity.divisions.includes(pool.division)) entity.divisions.push(pool.division);
        entity.itemKeys.push(...applicable);
      } else {
        entities.set(target.uscc, { name: target.name, divisions: [pool.division], itemKeys: [...applicable] });
      }
    }
    const expertise = [...new Set(items.map((item) => item.requiredExpertise).filter((label): label is string => !!label))];
    for (const inspector of pool.inspectors) {
      if (inspector.certificateValidUntil < task.periodEnd) continue;
      if (!expertise.every((label) => inspector.expertise.includes(label))) continue;
      inspectors.push({ division: pool.division, id: inspector.id, conflicts: [...inspector.conflicts].sort(byCodeUnits) });
    }
  }

  const targets: DrawTarget[] = [];
  const excluded: ExcludedTarget[] = [];
  const missing: string[] = [];
  const stratum = (uscc: string) => (facts.highRisk.has(uscc) ? 'HIGH' : 'NORMAL') as DrawTarget['stratum'];
  const drawTarget = (uscc: string, entity: PoolEntity): DrawTarget => ({ uscc, stratum: stratum(uscc), divisions: [...entity.divisions].sort(byCodeUnits) });
  if (task.kind === TaskKind.DIRECTED) {
    for (const uscc of task.namedTargets) {
      const entity = entities.get(uscc);
      if (!entity) missing.push(uscc);
      else targets.push(drawTarget(uscc, entity));
    }
  } else {
    for (const [uscc, entity] of entities) {
      if (excludedAsDrawnThisYear(uscc, facts)) {
        excluded.push({ uscc, reason: 'DRAWN_THIS_YEAR' });
        continue;
      }
      targets.push(drawTarget(uscc, entity));
    }
  }
  targets.sort((a, b) => byCodeUnits(a.uscc, b.uscc));
  inspectors.sort((a, b) => byCodeUnits(a.division, b.division) || byCodeUnits(a.id, b.id));

  return {
    input: {
      algorithm: DRAW_ALGORITHM,
      task: task.id,
      asOf,
      ratioBp: task.ratioBp,
      highRiskRatioBp: task.highRiskRatioBp,
      inspectorsPerDivision: task.inspectorsPerDivision,
      minTeamSize: MIN_TEAM_SIZE,
      targets,
      inspectors,
    },
    excluded,
    entities,
    missing,
  };
}
