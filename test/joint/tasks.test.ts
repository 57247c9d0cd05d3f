import { banner, calendarWarning } from '../../scripts/start';
import { startTestSystem, type TestSystem } from '../support/system';
import { tokens } from '../support/tokens';
import { codes, COMMIT, CREATE, drawn, REVIEW, taskInput, TODAY } from './helpers';

/**
 * What a coordinator needs around the tasks: warnings when a ratio is below the
 * item list's, progress per task, and finding tasks by name, division and
 * deadline; and the official calendar of next year, which must be loaded each year.
 */
let system: TestSystem;
let coordinator: string;
let low: string;
let crj: string;

const WARNINGS = `id warnings { code message }`;
/** The ratio warnings alone: whether a calendar warning shows too depends on today's date. */
const ratioWarnings = (task: { warnings: Array<{ code: string; message: string }> }) => task.warnings.filter((warning) => warning.code === 'RATIO_BELOW_ITEM');
const PROGRESS = `query($id: ID!) { inspectionTask(id: $id) { status progress { assignments assignmentsComplete total recorded reviewed remaining complete } } }`;
const LIST = `query($search: String, $division: ID, $overdue: Boolean, $status: TaskStatus) {
  inspectionTasks(search: $search, division: $division, overdue: $overdue, status: $status) { totalCount edges { node { id name } } } }`;

async function as(token: string | undefined, query: string, variables: Record<string, unknown> = {}) {
  const result = await system.query(query, variables, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA', 'CRJ'], seed: 'demo' });
  coordinator = await tokens.coordinator();
  // ratioBp 5 is 0.05 %: meant as 5 %, below the 10 % ZA-001 and WA-003 publish.
  const created = await as(coordinator, `mutation($input: InspectionTaskInput!) { createInspectionTask(input: $input) { ${WARNINGS} } }`, {
    input: taskInput({
      name: '网吧与旅馆联合抽查（比例过低）',
      items: [
        { division: 'ZA', code: 'ZA-001' },
        { division: 'WA', code: 'WA-003' },
      ],
      ratioBp: 5,
      highRiskRatioBp: 100,
    }),
  });
  low = created.createInspectionTask.id;
  const other = await as(coordinator, CREATE, {
    input: taskInput({ name: '出入境旅馆检查', items: [{ division: 'CRJ', code: 'CRJ-001' }], ratioBp: 1000, highRiskRatioBp: 1000 }),
  });
  crj = other.createInspectionTask.id;
});

afterAll(() => system.stop());

describe("a ratio below the item list's 抽查比例", () => {
  it('is warned about when the task is created and committed, and shown in the task, naming both ratios', async () => {
    const created = await as(coordinator, `query($id: ID!) { inspectionTask(id: $id) { ${WARNINGS} } }`, { id: low });
    const warnings = ratioWarnings(created.inspectionTask);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]!.message).toMatch(/一般风险抽查比例 0\.05%（ratioBp 5）低于抽查事项 ZA-001「旅馆业治安管理检查」公布的抽查比例 10%/);
    expect(warnings[1]!.message).toContain('WA-003');
    expect(warnings[0]!.message).toContain('500 为 5%');
    const committed = await as(coordinator, `mutation($id: ID!) { commitInspectionTask(id: $id) { status ${WARNINGS} } }`, { id: low });
    expect(committed.commitInspectionTask.status).toBe('COMMITTED');
    expect(ratioWarnings(committed.commitInspectionTask)).toHaveLength(2);
  });

  it('is not warned about when the task keeps to it', async () => {
    const task = await as(coordinator, `query($id: ID!) { inspectionTask(id: $id) { warnings { code message } } }`, { id: crj });
    expect(ratioWarnings(task.inspectionTask)).toEqual([]);
  });
});

describe('progress per task (录入进度)', () => {
  it('is null before the draw, then counts results recorded out of one per item of each drawn entity', async () => {
    expect((await as(coordinator, PROGRESS, { id: crj })).inspectionTask.progress).toBeNull();
    await as(coordinator, COMMIT, { id: crj });
    const { opened } = await drawn(system, crj);
    const total = opened.length;
    expect((await as(coordinator, PROGRESS, { id: crj })).inspectionTask.progress).toEqual({
      assignments: total,
      assignmentsComplete: 0,
      total,
      recorded: 0,
      reviewed: 0,
      remaining: total,
      complete: false,
    });
    const first = opened[0]!;
    const member = first.team.find((entry: { division: string }) => entry.division === 'CRJ');
    await as(
      await tokens.inspector('CRJ', member!.id),
      `mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!) { recordResult(assignment: $a, item: $item, input: $input) { outcome } }`,
      { a: `${crj}-001`, item: { division: 'CRJ', code: 'CRJ-001' }, input: { outcome: 'NO_ISSUES_FOUND', method: '实地检查', inspectedOn: TODAY } },
    );
    expect((await as(coordinator, PROGRESS, { id: crj })).inspectionTask.progress).toMatchObject({
      assignmentsComplete: 1,
      recorded: 1,
      reviewed: 0,
      remaining: total - 1,
    });
    // 法制审核: an approved result counts as reviewed, a returned one does not.
    const approved = await as(await tokens.reviewer('CRJ'), REVIEW, { a: `${crj}-001`, item: { division: 'CRJ', code: 'CRJ-001' }, approve: true, note: null });
    expect(approved.reviewResult.review.status).toBe('APPROVED');
    expect((await as(coordinator, PROGRESS, { id: crj })).inspectionTask.progress).toMatchObject({ recorded: 1, reviewed: 1 });
  });

  it('is for the office, the divisions of the task and analysts until publication, not for the public', async () => {
    expect((await as(undefined, PROGRESS, { id: crj })).inspectionTask.progress).toBeNull();
    expect((await as(await tokens.divisionAdmin('ZA'), PROGRESS, { id: crj })).inspectionTask.progress).toBeNull();
    expect((await as(await tokens.divisionAdmin('CRJ'), PROGRESS, { id: crj })).inspectionTask.progress.recorded).toBe(1);
    expect((await as(await tokens.analyst(), PROGRESS, { id: crj })).inspectionTask.progress.recorded).toBe(1);
  });
});

describe('finding tasks', () => {
  const ids = (data: any) => data.inspectionTasks.edges.map(({ node }: any) => node.id).sort();

  it('by part of the name or the start of the id', async () => {
    expect(ids(await as(coordinator, LIST, { search: '比例过低' }))).toEqual([low]);
    expect(ids(await as(coordinator, LIST, { search: crj.slice(0, 7).toLowerCase() }))).toEqual([low, crj].sort());
    expect((await as(coordinator, LIST, { search: '没有这个任务' })).inspectionTasks.totalCount).toBe(0);
  });

  it('by a division taking part', async () => {
    expect(ids(await as(coordinator, LIST, { division: 'WA' }))).toEqual([low]);
    expect(ids(await as(coordinator, LIST, { division: 'CRJ', status: 'DRAWN' }))).toEqual([crj]);
  });

  it('by deadline: none is overdue yet, so every task is in overdue: false', async () => {
    expect((await as(coordinator, LIST, { overdue: true })).inspectionTasks.totalCount).toBe(0);
    expect(ids(await as(coordinator, LIST, { overdue: false }))).toEqual([low, crj].sort());
  });

  it('refuses a search text with control characters', async () => {
    expect(codes(await system.query(LIST, { search: 'a\u0000b' }, coordinator))).toEqual(['BAD_USER_INPUT']);
  });
});

describe("next year's official holiday calendar (节假日安排)", () => {
  let clocked: TestSystem;
  let now = new Date('2026-11-05T02:00:00Z');
  const STATUS = `{ calendarStatus { today year verified nextYear nextYearVerified warning } }`;

  beforeAll(async () => {
    clocked = await startTestSystem({ divisions: ['ZA'], seed: 'demo', now: () => now });
  });

  afterAll(() => clocked.stop());

  it('is not asked for in November, is warned about from 1 December until loaded, and warns in tasks whose deadlines reach into it', async () => {
    const before = (await clocked.query(STATUS)).data.calendarStatus;
    expect(before).toEqual({ today: '2026-11-05', year: 2026, verified: true, nextYear: 2027, nextYearVerified: false, warning: null });

    now = new Date('2026-12-01T01:00:00Z');
    const december = (await clocked.query(STATUS)).data.calendarStatus;
    expect(december.warning).toMatch(/2027 年的官方节假日安排尚未导入.*loadCalendarYear/);

    const december2026 = taskInput({
      year: 2026,
      items: [{ division: 'ZA', code: 'ZA-001' }],
      ratioBp: 1000,
      highRiskRatioBp: 1000,
      periodStart: '2026-12-07',
      periodEnd: '2026-12-25',
    });
    const created = await clocked.query(
      `mutation($input: InspectionTaskInput!) { createInspectionTask(input: $input) { id warnings { code message } } }`,
      { input: december2026 },
      await tokens.coordinator(),
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createInspectionTask.warnings.map((warning: any) => warning.code)).toEqual(['CALENDAR_NOT_LOADED']);

    const loaded = await clocked.query(
      `mutation($input: CalendarYearInput!) { loadCalendarYear(input: $input) { year verified } }`,
      { input: { year: 2027, holidays: ['2027-01-01'], workdays: [] } },
      await tokens.supervisor(),
    );
    expect(loaded.errors).toBeUndefined();
    expect((await clocked.query(STATUS)).data.calendarStatus).toMatchObject({ nextYearVerified: true, warning: null });
    const task = await clocked.query(
      `query($id: ID!) { inspectionTask(id: $id) { warnings { code } } }`,
      { id: created.data.createInspectionTask.id },
      await tokens.coordinator(),
    );
    expect(task.data.inspectionTask.warnings).toEqual([]);
  });

  it('is in the npm start banner when there is a warning', async () => {
    // 2027 was loaded above; in December 2027 it is 2028 that is missing.
    now = new Date('2027-12-02T01:00:00Z');
    const warning = await calendarWarning(clocked.gateway.url);
    expect(warning).toMatch(/^2028 年的官方节假日安排尚未导入/);
    expect(banner(4000, undefined, warning)).toContain(`注意 (attention): ${warning}`);
    now = new Date('2027-11-30T01:00:00Z');
    expect(await calendarWarning(clocked.gateway.url)).toBeNull();
    expect(banner(4000, undefined, null)).not.toContain('注意');
  });
});
