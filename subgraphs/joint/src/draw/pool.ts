import type { ItemKey } from '../assignments/assignment.entity';
import type { DivisionPoolData } from '../divisions/division-client';
import type { ItemSnapshot } from '../tasks/inspection-task.entity';
import { TaskKind } from '../tasks/task-enums';
import { DRAW_ALGORITHM, MIN_TEAM_SIZE, type DrawInput, type DrawInspector, type DrawTarget, type ExcludedTarget } from './algorithm';

/** What the joint office knows about entities when it draws (rules 3 and 4). */
export interface EntityFacts {
  /** Entities drawn in another non-cancelled task of the same year. */
  drawnThisYear: ReadonlySet<string>;
  /** Entities with an open complaint. */
  openComplaints: ReadonlySet<string>;
  /** Entities with an active risk flag, a complaint in the last 12 months or a violation published in the last 24. */
  highRisk: ReadonlySet<string>;
}

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

export interface BuiltPool {
  input: DrawInput;
  excluded: ExcludedTarget[];
  names: Map<string, string>;
  itemKeys: Map<string, ItemKey[]>;
  /** Named entities of a DIRECTED task that no division's directory holds (active, matching category). */
  missing: string[];
}

/**
 * The draw input of DRAW-ALGORITHM §2–3 from the divisions' pools and the joint
 * office's records: entries merged by USCC across directories, the once-a-year
 * exclusion, strata, and the inspectors eligible for the task.
 */
export function buildDrawInput(task: TaskDefinition, pools: readonly DivisionPoolData[], facts: EntityFacts, asOf: string): BuiltPool {
  const divisionsOf = new Map<string, Set<string>>();
  const names = new Map<string, string>();
  const itemKeys = new Map<string, ItemKey[]>();
  const inspectors: DrawInspector[] = [];

  for (const pool of pools) {
    const items = task.itemSnapshots.filter((item) => item.division === pool.division);
    const categories = new Set(items.map((item) => item.targetCategory));
    for (const target of pool.targets) {
      const applicable = items.filter((item) => target.categories.includes(item.targetCategory));
      if (applicable.length === 0 || !target.categories.some((category) => categories.has(category))) continue;
      if (!divisionsOf.has(target.uscc)) divisionsOf.set(target.uscc, new Set());
      divisionsOf.get(target.uscc)!.add(pool.division);
      if (!names.has(target.uscc)) names.set(target.uscc, target.name);
      itemKeys.set(target.uscc, [...(itemKeys.get(target.uscc) ?? []), ...applicable.map(({ division, code }) => ({ division, code }))]);
    }
    const expertise = [...new Set(items.map((item) => item.requiredExpertise).filter((label): label is string => !!label))];
    for (const inspector of pool.inspectors) {
      if (inspector.certificateValidUntil < task.periodEnd) continue;
      if (!expertise.every((label) => inspector.expertise.includes(label))) continue;
      inspectors.push({ division: pool.division, id: inspector.id, conflicts: [...inspector.conflicts] });
    }
  }

  const targets: DrawTarget[] = [];
  const excluded: ExcludedTarget[] = [];
  const missing: string[] = [];
  const stratum = (uscc: string) => (facts.highRisk.has(uscc) ? 'HIGH' : 'NORMAL') as DrawTarget['stratum'];
  if (task.kind === TaskKind.DIRECTED) {
    for (const uscc of task.namedTargets) {
      const divisions = divisionsOf.get(uscc);
      if (!divisions) missing.push(uscc);
      else targets.push({ uscc, stratum: stratum(uscc), divisions: [...divisions] });
    }
  } else {
    for (const [uscc, divisions] of divisionsOf) {
      if (facts.drawnThisYear.has(uscc) && !facts.openComplaints.has(uscc)) {
        excluded.push({ uscc, reason: 'DRAWN_THIS_YEAR' });
        continue;
      }
      targets.push({ uscc, stratum: stratum(uscc), divisions: [...divisions] });
    }
  }

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
    names,
    itemKeys,
    missing,
  };
}
