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
