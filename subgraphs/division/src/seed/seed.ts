import { createLogger } from '../../../../common/logger';
import type { Orm } from '../../../../common/orm';
import type { Viewer } from '../../../../common/viewer';
import { CheckItem } from '../checklist/check-item.entity';
import { saveCheckItem } from '../checklist/checklist-service';
import type { DivisionContext, DivisionIdentity } from '../context';
import { declareConflict, saveInspector } from '../inspectors/inspector-service';
import { createDivisionLoaders } from '../loaders';
import { savePlanEntry } from '../plan/plan-service';
import { Target, TargetKind } from '../targets/target.entity';
import { importTargets } from '../targets/target-service';
import { DEMO_DIVISIONS, demoDataFor } from './demo-data';

/**
 * Fills an EMPTY division database with the demonstration data, through the same
 * services a division administrator uses, so the demo is validated and audited
 * like real data. Returns false when there was something already, or no demo data for the code.
 */
export async function seedDemoData(orm: Orm, division: DivisionIdentity, today?: string): Promise<boolean> {
  if (!DEMO_DIVISIONS.some((demo) => demo.code === division.code)) return false;
  const probe = orm.em.fork();
  if ((await probe.count(CheckItem, {})) > 0 || (await probe.count(Target, {})) > 0) return false;

  const data = demoDataFor(division.code, today ? { today } : undefined);
  const viewer: Viewer = { sub: 'demo-seed', name: '演示数据', roles: ['division_admin'], division: division.code };
  // One transaction (each service's own becomes a savepoint): a start interrupted while
  // seeding leaves an empty database, which the next start seeds again, never half a demo.
  await orm.em.fork().transactional(async (em) => {
    const context: DivisionContext = { viewer, em, loaders: createDivisionLoaders(em, () => em), division, logger: createLogger('seed', 'silent') };
    for (const item of data.items) await saveCheckItem(context, division.code, { ...item, active: true });
    const report = await importTargets(
      context,
      division.code,
      data.targets.map((target) => ({ ...target, kind: target.kind as TargetKind })),
    );
    if (report.rejected > 0) throw new Error(`demo targets refused: ${report.errors.map((error) => `row ${error.row}: ${error.message}`).join('; ')}`);
    for (const inspector of data.inspectors) await saveInspector(context, division.code, { ...inspector, active: true });
    for (const conflict of data.conflicts) await declareConflict(context, division.code, conflict.inspector, conflict.uscc, conflict.reason);
    for (const entry of data.plan) await savePlanEntry(context, division.code, { ...entry, id: null });
  });
  return true;
}
