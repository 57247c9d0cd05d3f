import { startTestSystem, type TestSystem } from '../support/system';
import { tokens } from '../support/tokens';
import { hotel, hotelItem, inspector, sealItem } from '../division/fixtures';
import { approveResults, codes, COMMIT, CREATE, drawn, taskInput, TODAY, YEAR } from './helpers';

/**
 * A hand-made year: 10 hotels in ZA's directory, the first 6 also in WA's; 4 ZA
 * and 3 WA inspectors; one joint task inspecting every hotel and published, one
 * cancelled, one committed. Every expected figure below is counted by hand.
 * The next year has one task, drawn and without any result yet.
 */
let system: TestSystem;
let coordinator: string;

async function as(token: string, query: string, variables: Record<string, unknown> = {}) {
  const result = await system.query(query, variables, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA'], seed: 'none' });
  coordinator = await tokens.coordinator();
  for (const [division, item] of [
    ['ZA', hotelItem],
    ['WA', { ...hotelItem, code: 'WA-003', name: '公共上网服务安全保护技术措施检查', subject: '网络安全保卫支队' }],
  ] as const) {
    const admin = await tokens.divisionAdmin(division);
    await as(admin, `mutation($d: ID!, $i: CheckItemInput!) { saveCheckItem(division: $d, input: $i) { code } }`, { d: division, i: item });
    const rows = Array.from({ length: division === 'ZA' ? 10 : 6 }, (_, i) => hotel(i + 1));
    await as(admin, `mutation($d: ID!, $rows: [TargetInput!]!) { importTargets(division: $d, rows: $rows) { accepted } }`, { d: division, rows });
    for (let n = 1; n <= (division === 'ZA' ? 4 : 3); n++) {
      await as(admin, `mutation($d: ID!, $i: InspectorInput!) { saveInspector(division: $d, input: $i) { id } }`, {
        d: division,
        i: inspector(n, division, { certificateValidUntil: '2099-12-31' }),
      });
    }
  }
  const zaAdmin = await tokens.divisionAdmin('ZA');
  const plan = (name: string, items: string[]) => ({
    year: YEAR,
    name,
    items,
    targetCategory: '旅馆',
    ratioBp: 1000,
    periodStart: `${YEAR}-01-01`,
    periodEnd: `${YEAR}-12-31`,
    authority: '许昌市公安局治安管理支队',
  });
  await as(zaAdmin, `mutation($i: PlanEntryInput!) { savePlanEntry(division: "ZA", input: $i) { id } }`, {
    i: plan(`${YEAR}年度旅馆业治安管理随机抽查`, ['ZA-001']),
  });
  await as(zaAdmin, `mutation($d: ID!, $i: CheckItemInput!) { saveCheckItem(division: $d, input: $i) { code } }`, { d: 'ZA', i: sealItem });
  await as(zaAdmin, `mutation($i: PlanEntryInput!) { savePlanEntry(division: "ZA", input: $i) { id } }`, {
    i: { ...plan(`${YEAR}年度印章刻制业抽查`, ['ZA-002']), targetCategory: '印章刻制' },
  });

  const joint = await as(coordinator, CREATE, {
    input: taskInput({
      items: [
        { division: 'ZA', code: 'ZA-001' },
        { division: 'WA', code: 'WA-003' },
      ],
      ratioBp: 10000,
      highRiskRatioBp: 10000,
    }),
  });
  const id = joint.createInspectionTask.id;
  await as(coordinator, COMMIT, { id });
  // Committed before the joint task is drawn, while WA's hotels are not yet all drawn this year: its pool is fixed at commit.
  const pending = await as(coordinator, CREATE, { input: taskInput({ name: '待抽取的任务', items: [{ division: 'WA', code: 'WA-003' }] }) });
  await as(coordinator, COMMIT, { id: pending.createInspectionTask.id });
  const { opened } = await drawn(system, id);
  for (const [index, assignment] of opened.entries()) {
    const n = Number(assignment.uscc.slice(8, 17));
    for (const division of assignment.divisions) {
      const member = assignment.team.find((entry: { division: string }) => entry.division === division);
      let input: Record<string, unknown> = { outcome: 'NO_ISSUES_FOUND' };
      if (division === 'ZA' && n <= 2) input = { outcome: 'ISSUES_RECTIFIED_ON_ORDER', findings: '住宿登记不全，已责令改正' };
      if (division === 'ZA' && n === 3) input = { outcome: 'REFUSED_INSPECTION', findings: '拒绝检查' };
      if (division === 'WA' && n === 1) input = { outcome: 'NO_RELEVANT_ACTIVITY' };
      await as(
        await tokens.inspector(division, member!.id),
        `mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!) { recordResult(assignment: $a, item: $item, input: $input) { outcome } }`,
        {
          a: `${id}-${String(index + 1).padStart(3, '0')}`,
          item: { division, code: division === 'ZA' ? 'ZA-001' : 'WA-003' },
          input: { method: '实地检查', inspectedOn: TODAY, ...input },
        },
      );
    }
  }
  await approveResults(system, id);
  await as(coordinator, `mutation($id: ID!) { publishInspectionTask(id: $id) { id } }`, { id });

  const cancelled = await as(coordinator, CREATE, { input: taskInput({ name: '撤销的任务', items: [{ division: 'ZA', code: 'ZA-001' }] }) });
  await as(coordinator, `mutation($id: ID!) { cancelInspectionTask(id: $id, reason: "计划调整") { status } }`, { id: cancelled.createInspectionTask.id });

  const next = await as(coordinator, CREATE, {
    input: taskInput({
      name: '次年尚未录入的任务',
      year: YEAR + 1,
      items: [{ division: 'ZA', code: 'ZA-001' }],
      ratioBp: 10000,
      highRiskRatioBp: 10000,
      periodStart: `${YEAR + 1}-01-05`,
      periodEnd: `${YEAR + 1}-01-30`,
    }),
  });
  nextYearTask = next.createInspectionTask.id;
  await as(coordinator, COMMIT, { id: nextYearTask });
  await drawn(system, nextYearTask);
});

let nextYearTask: string;

afterAll(() => system.stop());

const STATS = `query($y: Int!, $d: ID) { inspectionStats(year: $y, division: $d) {
  year division tasks cancelled drawn published overdue entitiesInspected violationRateBp
  resultsByOutcome { outcome label count }
  tasksByStatus { status count }
  publications { onTime late stillDue { task } }
  coverage { division item directorySize inspected coverageBp ratioBp meetsRatio }
  planExecution { division entries withTasks withoutTasks }
  inspectorLoad { division inspectors min median max } } }`;

describe('inspection statistics of a hand-made year', () => {
  it('counts tasks, results, violations, coverage, plan execution and inspector load exactly', async () => {
    const stats = (await as(await tokens.supervisor(), STATS, { y: YEAR, d: null })).inspectionStats;
    expect(stats).toMatchObject({
      year: YEAR,
      division: null,
      tasks: 2,
      cancelled: 1,
      drawn: 1,
      published: 1,
      overdue: 0,
      entitiesInspected: 10,
      violationRateBp: 1875,
    });
    const outcomes = Object.fromEntries(stats.resultsByOutcome.filter((row: any) => row.count > 0).map((row: any) => [row.outcome, row.count]));
    expect(outcomes).toEqual({ NO_ISSUES_FOUND: 12, ISSUES_RECTIFIED_ON_ORDER: 2, REFUSED_INSPECTION: 1, NO_RELEVANT_ACTIVITY: 1 });
    expect(stats.resultsByOutcome.find((row: any) => row.outcome === 'REFUSED_INSPECTION').label).toBe('不配合检查情节严重');
    expect(Object.fromEntries(stats.tasksByStatus.map((row: any) => [row.status, row.count]))).toEqual({
      DRAFT: 0,
      COMMITTED: 1,
      DRAWN: 0,
      CANCELLATION_REQUESTED: 0,
      PUBLISHED: 1,
      CANCELLED: 1,
    });
    expect(stats.publications).toEqual({ onTime: 1, late: 0, stillDue: [] });
    expect(stats.coverage).toEqual([
      { division: 'ZA', item: 'ZA-001', directorySize: 10, inspected: 10, coverageBp: 10000, ratioBp: 1000, meetsRatio: true },
      { division: 'ZA', item: 'ZA-002', directorySize: 0, inspected: 0, coverageBp: 0, ratioBp: 2000, meetsRatio: false },
      { division: 'WA', item: 'WA-003', directorySize: 6, inspected: 6, coverageBp: 10000, ratioBp: 1000, meetsRatio: true },
    ]);
    expect(stats.planExecution).toEqual([
      { division: 'ZA', entries: 2, withTasks: 1, withoutTasks: [`${YEAR}年度印章刻制业抽查`] },
      { division: 'WA', entries: 0, withTasks: 0, withoutTasks: [] },
    ]);
    expect(stats.inspectorLoad).toEqual([
      { division: 'ZA', inspectors: 4, min: 3, median: 4, max: 4 },
      { division: 'WA', inspectors: 3, min: 2, median: 2, max: 2 },
    ]);
  });

  it('says how its counts relate: tasks leave out the cancelled ones, and divisions count an entity of a joint task each', async () => {
    const analyst = await tokens.analyst();
    const all = (await as(analyst, STATS, { y: YEAR, d: null })).inspectionStats;
    expect(all.tasks + all.cancelled).toBe(all.tasksByStatus.reduce((sum: number, row: any) => sum + row.count, 0));
    const za = (await as(analyst, STATS, { y: YEAR, d: 'ZA' })).inspectionStats;
    const wa = (await as(analyst, STATS, { y: YEAR, d: 'WA' })).inspectionStats;
    // The 6 hotels in both directories count in ZA's figure and in WA's, once in the bureau's.
    expect(za.entitiesInspected + wa.entitiesInspected).toBe(16);
    expect(all.entitiesInspected).toBe(10);
    const fields = (await as(analyst, `{ __type(name: "InspectionStats") { fields { name description } } }`)).__type.fields;
    const described = (name: string) => fields.find((field: any) => field.name === name).description as string;
    expect(described('tasks')).toMatch(/cancelled ones excluded: tasks \+ cancelled is the sum of tasksByStatus/);
    expect(described('entitiesInspected')).toMatch(/published result.*counts in each of its divisions/);
    const coverage = (await as(analyst, `{ __type(name: "ItemCoverage") { fields { name description } } }`)).__type.fields;
    expect(coverage.find((field: any) => field.name === 'inspected').description).toMatch(/recorded result.*published or not/);
  });

  it('lists a drawn task without any result among those still due, with its progress and no deadline running yet', async () => {
    const next = (
      await as(
        await tokens.supervisor(),
        `query($y: Int!) { inspectionStats(year: $y) { drawn publications { stillDue { task name resultsDueBy workingDaysLeft overdue drawnOn periodEnd progress { assignments total recorded remaining } } } } }`,
        { y: YEAR + 1 },
      )
    ).inspectionStats;
    expect(next.drawn).toBe(1);
    expect(next.publications.stillDue).toEqual([
      {
        task: nextYearTask,
        name: '次年尚未录入的任务',
        resultsDueBy: null,
        workingDaysLeft: null,
        overdue: false,
        drawnOn: TODAY,
        periodEnd: `${YEAR + 1}-01-30`,
        progress: { assignments: 10, total: 10, recorded: 0, remaining: 10 },
      },
    ]);
  });

  it('narrows to one division', async () => {
    const za = (await as(await tokens.analyst(), STATS, { y: YEAR, d: 'ZA' })).inspectionStats;
    expect(za).toMatchObject({ division: 'ZA', tasks: 1, published: 1, entitiesInspected: 10, violationRateBp: 3000 });
    const wa = (await as(await tokens.coordinator(), STATS, { y: YEAR, d: 'WA' })).inspectionStats;
    expect(wa).toMatchObject({ division: 'WA', tasks: 2, published: 1, entitiesInspected: 6, violationRateBp: 0 });
  });

  it('is for supervisors, coordinators and analysts only', async () => {
    for (const token of [await tokens.divisionAdmin('ZA'), await tokens.inspector('ZA', 'ZA-0001')]) {
      expect(codes(await system.query(STATS, { y: YEAR, d: null }, token))).toContain('FORBIDDEN');
    }
    expect(codes(await system.query(STATS, { y: YEAR, d: null }))).toContain('UNAUTHENTICATED');
  });
});

describe('audit trail', () => {
  const TRAIL = `query($action: String) { auditTrail(first: 5, action: $action) { totalCount edges { node { seq actor role action subject inputDigest } } } }`;

  it("lists the joint office's entries newest first, filtered, for supervisors only", async () => {
    const all = (await as(await tokens.supervisor(), TRAIL, {})).auditTrail;
    expect(all.edges.map((edge: any) => edge.node.seq)).toEqual([...all.edges.map((edge: any) => edge.node.seq)].sort((a: number, b: number) => b - a));
    const publish = (await as(await tokens.supervisor(), TRAIL, { action: 'publishInspectionTask' })).auditTrail;
    expect(publish.totalCount).toBe(1);
    expect(publish.edges[0].node).toMatchObject({ action: 'publishInspectionTask', role: 'coordinator' });
    expect(codes(await system.query(TRAIL, {}, await tokens.analyst()))).toEqual(['FORBIDDEN']);
    expect(codes(await system.query(TRAIL, {}, coordinator))).toEqual(['FORBIDDEN']);
  });

  it("lists a division's entries on the division", async () => {
    const result = await as(
      await tokens.supervisor(),
      `{ division(code: "ZA") { auditTrail(subject: "target:*", first: 50) { totalCount edges { node { action subject } } } } }`,
    );
    expect(result.division.auditTrail.totalCount).toBe(0);
    const imports = await as(await tokens.supervisor(), `{ division(code: "ZA") { auditTrail(action: "importTargets") { totalCount } } }`);
    expect(imports.division.auditTrail.totalCount).toBe(1);
  });
});
