import { addDays, shanghaiDate } from '../../common/dates';
import type { TestSystem } from '../support/system';
import { tokens } from '../support/tokens';

export const TODAY = shanghaiDate();
export const YEAR = Number(TODAY.slice(0, 4));

export const TASK_FIELDS = `id name year kind status isJoint leadDivision seedCommitment ratioBp highRiskRatioBp inspectorsPerDivision periodStart periodEnd resultsDueBy
  divisions { code name } items { division code name }
  draw { drawnAt algorithm beacon secret seed poolDigest poolSize highRiskPoolSize selectedCount highRiskSelectedCount excludedCount verification { ok problems } }`;

export const CREATE = `mutation($input: InspectionTaskInput!) { createInspectionTask(input: $input) { ${TASK_FIELDS} } }`;
export const COMMIT = `mutation($id: ID!) { commitInspectionTask(id: $id) { ${TASK_FIELDS} } }`;
export const DRAW = `mutation($id: ID!, $beacon: String!) { drawInspectionTask(id: $id, beacon: $beacon) { ${TASK_FIELDS} } }`;
export const RECORD = `query($id: ID!) { inspectionTask(id: $id) { status draw { record } } }`;

export function taskInput(overrides: Record<string, unknown> = {}) {
  return {
    name: `${YEAR}年度旅馆业联合抽查`,
    year: YEAR,
    kind: 'RANDOM',
    items: [
      { division: 'ZA', code: 'ZA-001' },
      { division: 'WA', code: 'WA-003' },
      { division: 'CRJ', code: 'CRJ-001' },
    ],
    ratioBp: 500,
    highRiskRatioBp: 2000,
    inspectorsPerDivision: 1,
    periodStart: TODAY,
    periodEnd: addDays(TODAY, 30),
    ...overrides,
  };
}

/**
 * The entities of a DIRECTED task, each named on a 大数据分析线索 — the basis that
 * needs nothing on the complaint register (a DIRECTED task refuses plain `targets`).
 */
export function onDataLead(usccs: readonly string[], note = '大数据分析：旅馆入住登记与治安检查记录不符') {
  return usccs.map((uscc) => ({ uscc, basis: 'DATA_LEAD', note }));
}

/** Creates and commits a task as a coordinator; returns its id. */
export async function committedTask(system: TestSystem, overrides: Record<string, unknown> = {}): Promise<string> {
  const token = await tokens.coordinator();
  const created = await system.query(CREATE, { input: taskInput(overrides) }, token);
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const id = created.data.createInspectionTask.id as string;
  const committed = await system.query(COMMIT, { id }, token);
  if (committed.errors) throw new Error(JSON.stringify(committed.errors));
  return id;
}

/** Draws a task; returns the task and the parsed record. */
export async function drawn(system: TestSystem, id: string, beacon = '2026-11-28 福彩3D 第2026318期 开奖号码 4 7 1') {
  const token = await tokens.coordinator();
  const result = await system.query(DRAW, { id, beacon }, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  const record = await system.query(RECORD, { id }, token);
  return { task: result.data.drawInspectionTask, record: JSON.parse(record.data.inspectionTask.draw.record) };
}

export const codes = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => (result.errors ?? []).map((error) => error.extensions?.code);
