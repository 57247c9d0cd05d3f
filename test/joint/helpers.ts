import { addDays, shanghaiDate } from '../../common/dates';
import { entryCommitment, inspectorPseudonym, saltOf } from '../../subgraphs/joint/src/draw/ssj-draw-2/commitments';
import type { TestSystem } from '../support/system';
import { tokens } from '../support/tokens';

export const TODAY = shanghaiDate();
export const YEAR = Number(TODAY.slice(0, 4));

/** The beacon declaration every test task makes unless it says otherwise: a lottery drawn this evening. */
export const BEACON_DECLARATION = { source: '福彩3D 当日开奖号码（三位数字，以空格分隔）', date: TODAY };

/** A beacon published tomorrow: its task, once committed, is before its beacon's date, cancelled in one step and not drawn yet. */
export const BEACON_TOMORROW = { source: '福彩3D 次日开奖号码（三位数字，以空格分隔）', date: addDays(TODAY, 1) };

/** A beacon value in the declared form (§4: printable ASCII words separated by single spaces). */
export const BEACON = '4 7 1';

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
    beacon: BEACON_DECLARATION,
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

export const FULL_RECORD = `query($id: ID!) { inspectionTask(id: $id) { draw { fullRecord } } }`;

/**
 * Draws a task; returns the task, the parsed record (the public one for SSJ-DRAW-2), the full
 * record as a supervisor reads it (null for SSJ-DRAW-1), and `opened`: the assignments of the
 * public record named in the clear with the full record's pool key (USCCs and inspector ids).
 */
export async function drawn(system: TestSystem, id: string, beacon = BEACON) {
  const token = await tokens.coordinator();
  const result = await system.query(DRAW, { id, beacon }, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  const record = await system.query(RECORD, { id }, token);
  const parsed = JSON.parse(record.data.inspectionTask.draw.record);
  const fullAnswer = await system.query(FULL_RECORD, { id }, await tokens.supervisor());
  if (fullAnswer.errors) throw new Error(JSON.stringify(fullAnswer.errors));
  const full = fullAnswer.data.inspectionTask.draw.fullRecord ? JSON.parse(fullAnswer.data.inspectionTask.draw.fullRecord) : null;
  return { task: result.data.drawInspectionTask, record: parsed, full, opened: full ? openAssignments(full) : [] };
}

export interface OpenedAssignment {
  entry: string;
  uscc: string;
  class: 'A' | 'B' | 'C' | 'D';
  divisions: string[];
  team: Array<{ division: string; id: string }>;
}

/** The assignments of an SSJ-DRAW-2 full record with every entry and pseudonym opened by its pool key (docs/draw-algorithm.md §3). */
export function openAssignments(full: any): OpenedAssignment[] {
  const task = full.record.pool.task as string;
  const usccOf = new Map<string, string>();
  for (const target of full.targets) usccOf.set(entryCommitment(task, target.uscc, saltOf(full.poolKey, `entry:${target.uscc}`)), target.uscc);
  const inspectorOf = new Map<string, { division: string; id: string }>();
  for (const inspector of full.inspectors) {
    const salt = saltOf(full.poolKey, `inspector:${inspector.division}:${inspector.id}`);
    inspectorOf.set(inspectorPseudonym(task, inspector.division, inspector.id, salt), { division: inspector.division, id: inspector.id });
  }
  return full.record.assignments.map((assignment: any) => ({
    entry: assignment.entry,
    uscc: usccOf.get(assignment.entry)!,
    class: assignment.class,
    divisions: assignment.divisions,
    team: assignment.team.map((seat: any) => inspectorOf.get(seat.inspector)!),
  }));
}

export const codes = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => (result.errors ?? []).map((error) => error.extensions?.code);

export const REVIEW = `mutation($a: ID!, $item: ItemRefInput!, $approve: Boolean!, $note: String) {
  reviewResult(assignment: $a, item: $item, approve: $approve, note: $note) { item { division code } review { status by { sub name } at note } }
}`;

type Query = (query: string, variables: Record<string, unknown>, token: string) => Promise<{ data?: any; errors?: unknown[] }>;

/**
 * 法制审核 before publication: a reviewer of each item's division approves every
 * result of the task that waits for review (the step every test that publishes
 * takes). Returns how many it approved. `query` is the test's own way to the gateway.
 */
export async function approveResults(query: Query | TestSystem, taskId: string): Promise<number> {
  const send: Query = typeof query === 'function' ? query : (text, variables, token) => query.query(text, variables, token);
  const coordinator = await tokens.coordinator();
  let approved = 0;
  for (let after: string | null = null; ;) {
    const read = await send(
      `query($id: ID!, $after: String) { inspectionTask(id: $id) { assignments(first: 500, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id results { item { division code } review { status } } } } } } }`,
      { id: taskId, after },
      coordinator,
    );
    if (read.errors) throw new Error(JSON.stringify(read.errors));
    const page = read.data.inspectionTask.assignments;
    for (const { node } of page.edges) {
      for (const result of node.results) {
        if (result.review.status !== 'PENDING') continue;
        const reviewed = await send(REVIEW, { a: node.id, item: result.item, approve: true, note: null }, await tokens.reviewer(result.item.division));
        if (reviewed.errors) throw new Error(JSON.stringify(reviewed.errors));
        approved++;
      }
    }
    if (!page.pageInfo.hasNextPage) return approved;
    after = page.pageInfo.endCursor;
  }
}
