import { shanghaiTimestamp } from '../../common/dates';
import { startTestSystem, type TestSystem } from '../support/system';
import { tokens } from '../support/tokens';
import { approveResults, CREATE, COMMIT, DRAW, taskInput, YEAR } from './helpers';

/** 18:08 UTC on 1 June is 02:08 on 2 June in Shanghai: a draw at that moment belongs to 2 June. */
const INSTANT = new Date(Date.UTC(YEAR, 5, 1, 18, 8, 0, 123));
const SHANGHAI = `${YEAR}-06-02T02:08:00+08:00`;
const DAY = `${YEAR}-06-02`;

let system: TestSystem;
let coordinator: string;
let taskId: string;

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA'], seed: 'demo', now: () => INSTANT });
  coordinator = await tokens.coordinator();
  const input = taskInput({
    items: [{ division: 'ZA', code: 'ZA-001' }],
    ratioBp: 100,
    highRiskRatioBp: 100,
    inspectorsPerDivision: 2,
    periodStart: DAY,
    periodEnd: `${YEAR}-06-30`,
    beacon: { source: '福彩3D 开奖号码（三位数字，以空格分隔）', date: DAY },
  });
  taskId = (await system.query(CREATE, { input }, coordinator)).data.createInspectionTask.id;
  await system.query(COMMIT, { id: taskId }, coordinator);
  const drawn = await system.query(DRAW, { id: taskId, beacon: '3 1 4' }, coordinator);
  expect(drawn.errors).toBeUndefined();
  const teams = await system.query(
    `query($id: ID!) { inspectionTask(id: $id) { assignments(first: 500) { edges { node { id items { division code } inspectors { division id } } } } } }`,
    { id: taskId },
    coordinator,
  );
  for (const { node } of teams.data.inspectionTask.assignments.edges) {
    const member = node.inspectors[0];
    const recorded = await system.query(
      `mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!) { recordResult(assignment: $a, item: $item, input: $input) { outcome } }`,
      { a: node.id, item: node.items[0], input: { outcome: 'NO_ISSUES_FOUND', method: '实地检查', inspectedOn: DAY } },
      await tokens.inspector(member.division, member.id),
    );
    expect(recorded.errors).toBeUndefined();
  }
  await approveResults(system, taskId);
  const published = await system.query(`mutation($id: ID!) { publishInspectionTask(id: $id) { id } }`, { id: taskId }, coordinator);
  expect(published.errors).toBeUndefined();
});

afterAll(() => system.stop());

describe('every timestamp in Shanghai time with its offset, on the same day as the dates beside it', () => {
  it('gives 2026-12-01T18:08Z as 2026-12-02T02:08:00+08:00, and leaves anything unparsable alone', () => {
    expect(shanghaiTimestamp('2026-12-01T18:08:00.000Z')).toBe('2026-12-02T02:08:00+08:00');
    expect(shanghaiTimestamp('2026-12-02T02:08:00+08:00')).toBe('2026-12-02T02:08:00+08:00');
    expect(shanghaiTimestamp(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01T00:00:00+08:00');
    expect(shanghaiTimestamp('not a time')).toBe('not a time');
  });

  it('in the task, its draw, its results, its publication and the public results', async () => {
    const result = await system.query(
      `query($id: ID!) { inspectionTask(id: $id) { createdAt committedAt cancelledAt periodStart
        draw { drawnAt } publication { publishedAt }
        assignments(first: 1) { edges { node { results { inspectedOn recordedAt review { at } } } } } } }`,
      { id: taskId },
      coordinator,
    );
    expect(result.errors).toBeUndefined();
    const task = result.data.inspectionTask;
    expect(task).toMatchObject({ createdAt: SHANGHAI, committedAt: SHANGHAI, cancelledAt: null, periodStart: DAY });
    expect(task.draw.drawnAt).toBe(SHANGHAI);
    expect(task.publication.publishedAt).toBe(SHANGHAI);
    expect(task.assignments.edges[0].node.results[0]).toEqual({ inspectedOn: DAY, recordedAt: SHANGHAI, review: { at: SHANGHAI } });
    const open = await system.query(`{ publicResults(first: 1) { edges { node { inspectedOn publishedAt } } } }`);
    expect(open.data.publicResults.edges[0].node).toEqual({ inspectedOn: DAY, publishedAt: SHANGHAI });
  });

  it('in the audit trails, while the chains, which hash the stored UTC instants, still verify', async () => {
    const supervisor = await tokens.supervisor();
    const result = await system.query(
      `{ auditChain { ok } auditTrail(first: 3) { edges { node { at action } } } division(code: "ZA") { auditChain { ok } auditTrail(first: 1) { edges { node { at } } } } }`,
      {},
      supervisor,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.auditChain.ok).toBe(true);
    expect(result.data.division.auditChain.ok).toBe(true);
    // To the millisecond: each entry's hash covers the exact instant, which the UTC form recovers.
    for (const { node } of result.data.auditTrail.edges) expect(node.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
    expect(result.data.division.auditTrail.edges[0].node.at).toMatch(/\+08:00$/);
  });

  it('in a declared conflict of interest', async () => {
    const declared = await system.query(
      `mutation { declareConflict(division: "ZA", inspector: "ZA-0001", uscc: "91411002000000001Y", reason: "亲属经营") { conflicts { declaredAt } } }`,
      {},
      await tokens.divisionAdmin('ZA'),
    );
    expect(declared.errors).toBeUndefined();
    for (const conflict of declared.data.declareConflict.conflicts) expect(conflict.declaredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
  });

  it('on the portal and in the export, the same time on the same day', async () => {
    const origin = new URL(system.gateway.url).origin;
    const page = await (await fetch(`${origin}/tasks/${taskId}/draw`)).text();
    expect(page).toContain(`${DAY} 02:08`);
    const csv = await (await fetch(`${origin}/export/results.csv?year=${YEAR}`, { headers: { authorization: `Bearer ${await tokens.analyst()}` } })).text();
    const [header, first] = csv.replace(/^\uFEFF/, '').split('\r\n');
    const columns = header!.split(',');
    const cells = first!.split(',');
    expect(cells[columns.indexOf('公示日期')]).toBe(DAY);
    expect(cells[columns.indexOf('公示时间')]).toBe(SHANGHAI);
  });
});
