import { addDays } from '../../common/dates';
import { Publication } from '../../subgraphs/joint/src/publication/publication.entity';
import { startTestSystem, type TestSystem } from '../support/system';
import { tokens } from '../support/tokens';
import { approveResults, codes, committedTask, drawn, onDataLead, REVIEW, TODAY, YEAR } from './helpers';

let system: TestSystem;
let coordinator: string;
let taskId: string;
let assignments: Array<{
  id: string;
  uscc: string;
  divisions: string[];
  team: Array<{ division: string; id: string }>;
  items: Array<{ division: string; code: string }>;
}>;

const RECORD_RESULT = `mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!) { recordResult(assignment: $a, item: $item, input: $input) {
  outcome outcomeLabel findings method inspectedOn followUp referredTo disclosure recordedBy { division id } } }`;
const PUBLISH = `mutation($id: ID!) { publishInspectionTask(id: $id) { id title publishedAt resultCount withheldCount dueBy onTime isJoint divisions { code name lead } } }`;
const PUBLIC = `query($q: String, $uscc: String) { publicResults(search: $q, uscc: $uscc, first: 500) { totalCount edges { node {
  id title uscc entityName divisionName itemName outcome outcomeLabel findings withheldReason inspectedOn publishedAt amends amendmentReason } } } }`;

function recorderFor(assignment: (typeof assignments)[number], division: string) {
  return assignment.team.find((member) => member.division === division)!;
}

async function record(
  assignment: (typeof assignments)[number],
  item: { division: string; code: string },
  input: Record<string, unknown>,
  by = recorderFor(assignment, item.division),
) {
  return system.query(
    RECORD_RESULT,
    { a: assignment.id, item, input: { method: '实地检查', inspectedOn: TODAY, outcome: 'NO_ISSUES_FOUND', ...input } },
    await tokens.inspector(by.division, by.id),
  );
}

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA', 'CRJ'], seed: 'demo' });
  coordinator = await tokens.coordinator();
  taskId = await committedTask(system, {
    name: '旅馆业联合抽查（结果公示）',
    items: [
      { division: 'ZA', code: 'ZA-001' },
      { division: 'WA', code: 'WA-003' },
    ],
    ratioBp: 100,
    highRiskRatioBp: 100,
  });
  await drawn(system, taskId);
  const list = await system.query(
    `query($id: ID!) { inspectionTask(id: $id) { assignments(first: 500) { edges { node { id uscc targets { division } items { division code } inspectors { division id } } } } } }`,
    { id: taskId },
    coordinator,
  );
  assignments = list.data.inspectionTask.assignments.edges.map(({ node }: any) => ({
    id: node.id,
    uscc: node.uscc,
    divisions: node.targets.map((target: any) => target.division),
    team: node.inspectors,
    items: node.items,
  }));
});

afterAll(() => system.stop());

describe('working days (工作日) on the official calendar', () => {
  const WORKING_DAYS = `query($from: Date!, $add: Int!) { workingDays(from: $from, add: $add) { date calendarVerified } }`;

  it('counts holidays and make-up days (调休)', async () => {
    expect((await system.query(WORKING_DAYS, { from: '2026-09-25', add: 20 })).data.workingDays).toEqual({ date: '2026-10-29', calendarVerified: true });
    expect((await system.query(WORKING_DAYS, { from: '2026-02-13', add: 20 })).data.workingDays).toEqual({ date: '2026-03-19', calendarVerified: true });
  });

  it('falls back to weekends only in a year without data, and says so until a supervisor loads the year', async () => {
    expect((await system.query(WORKING_DAYS, { from: '2027-09-24', add: 5 })).data.workingDays).toEqual({ date: '2027-10-01', calendarVerified: false });
    const LOAD = `mutation($input: CalendarYearInput!) { loadCalendarYear(input: $input) { year verified } }`;
    const input = { year: 2027, holidays: ['2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'], workdays: ['2027-09-26', '2027-10-09'] };
    expect(codes(await system.query(LOAD, { input }, coordinator))).toEqual(['FORBIDDEN']);
    const bad = await system.query(LOAD, { input: { ...input, holidays: ['2027-10-02'] } }, await tokens.supervisor());
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0]!.message).toContain('2027-10-02');
    expect((await system.query(LOAD, { input }, await tokens.supervisor())).data.loadCalendarYear).toEqual({ year: 2027, verified: true });
    expect((await system.query(WORKING_DAYS, { from: '2027-09-24', add: 5 })).data.workingDays).toEqual({ date: '2027-09-30', calendarVerified: true });
  });
});

describe('recording results (谁检查、谁录入)', () => {
  it('refuses an inspector who is not on the team', async () => {
    const assignment = assignments[0]!;
    const item = assignment.items.find((entry) => entry.division === 'ZA')!;
    const outsiderId = ['ZA-0001', 'ZA-0002', 'ZA-0003', 'ZA-0004'].find((id) => !assignment.team.some((member) => member.id === id))!;
    const result = await record(assignment, item, {}, { division: 'ZA', id: outsiderId });
    expect(codes(result)).toEqual(['FORBIDDEN']);
  });

  it('refuses a team member of another division for this item', async () => {
    const assignment = assignments.find((entry) => entry.divisions.includes('ZA') && entry.divisions.includes('WA'))!;
    const item = assignment.items.find((entry) => entry.division === 'ZA')!;
    const result = await record(assignment, item, {}, recorderFor(assignment, 'WA'));
    expect(codes(result)).toEqual(['FORBIDDEN']);
  });

  it('checks the date, the method and the findings', async () => {
    const assignment = assignments[0]!;
    const item = assignment.items[0]!;
    expect(codes(await record(assignment, item, { inspectedOn: addDays(TODAY, 1) }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await record(assignment, item, { inspectedOn: addDays(TODAY, -400) }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await record(assignment, item, { method: '电话询问' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await record(assignment, item, { outcome: 'ISSUES_RECTIFIED_ON_ORDER' }))).toEqual(['BAD_USER_INPUT']);
    expect(
      codes(await record(assignment, item, { followUp: 'REFERRED_TO_OTHER_AUTHORITY', outcome: 'ISSUES_PENDING_FOLLOW_UP', findings: '消防通道堵塞' })),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('shows the due date, 20 working days after the earliest result, from the first result on', async () => {
    const before = await system.query(`query($id: ID!) { inspectionTask(id: $id) { resultsDueBy } }`, { id: taskId }, coordinator);
    expect(before.data.inspectionTask.resultsDueBy).toBeNull();
    const assignment = assignments[0]!;
    const saved = await record(assignment, assignment.items[0]!, { findings: '住宿登记规范' });
    expect(saved.errors).toBeUndefined();
    expect(saved.data.recordResult).toMatchObject({ outcome: 'NO_ISSUES_FOUND', outcomeLabel: '未发现问题', disclosure: 'PUBLIC', followUp: 'NONE' });
    const expected = await system.query(`query($from: Date!) { workingDays(from: $from, add: 20) { date } }`, { from: TODAY });
    const after = await system.query(`query($id: ID!) { inspectionTask(id: $id) { resultsDueBy } }`, { id: taskId }, coordinator);
    expect(after.data.inspectionTask.resultsDueBy).toBe(expected.data.workingDays.date);
  });

  it('lets only the recorder correct a result before publication', async () => {
    const single = await committedTask(system, { name: '印章刻制业抽查', items: [{ division: 'ZA', code: 'ZA-002' }], ratioBp: 100, highRiskRatioBp: 100 });
    const { opened: singleOpened } = await drawn(system, single, 'seal beacon');
    const drawnOne = singleOpened[0]!;
    expect(drawnOne.team).toHaveLength(2);
    const assignment = {
      id: `${single}-001`,
      uscc: drawnOne.uscc,
      divisions: drawnOne.divisions,
      team: drawnOne.team,
      items: [{ division: 'ZA', code: 'ZA-002' }],
    };
    const item = assignment.items[0]!;
    const [first, second] = assignment.team;
    expect((await record(assignment, item, {}, first)).errors).toBeUndefined();
    expect(codes(await record(assignment, item, { findings: '改动' }, second))).toEqual(['FORBIDDEN']);
    expect((await record(assignment, item, { findings: '复核后补充说明' }, first)).data.recordResult.findings).toBe('复核后补充说明');
  });
});

describe('publishing once (一次性公示)', () => {
  let publication: any;
  let refused: (typeof assignments)[number];
  const SECRET_FINDING = '该店客房管理系统源代码及会员数据库结构（商业秘密）';

  it('refuses to publish until every item of every assignment has a result, naming what is missing', async () => {
    const result = await system.query(PUBLISH, { id: taskId }, coordinator);
    expect(codes(result)).toEqual(['RESULTS_INCOMPLETE']);
    expect(result.errors![0]!.extensions!.missingCount).toBeGreaterThan(0);
    expect(result.errors![0]!.message).toMatch(/[0-9A-Z]{18}/);
  });

  it('publishes exactly once when eight calls arrive together', async () => {
    refused = assignments[assignments.length - 1]!;
    for (const assignment of assignments) {
      for (const item of assignment.items) {
        let input: Record<string, unknown> = { findings: '检查未发现问题' };
        if (assignment === refused) input = { outcome: 'REFUSED_INSPECTION', findings: '经营者拒绝出示旅客登记簿，阻碍检查', followUp: 'PENALTY' };
        else if (assignment === assignments[1] && item.division === 'ZA')
          input = { outcome: 'ISSUES_RECTIFIED_ON_ORDER', findings: SECRET_FINDING, disclosure: 'TRADE_SECRET' };
        const saved = await record(assignment, item, input);
        expect(saved.errors).toBeUndefined();
      }
    }
    await approveResults(system, taskId);
    const calls = await Promise.all(Array.from({ length: 8 }, () => system.query(PUBLISH, { id: taskId }, coordinator)));
    expect(calls.every((call) => call.errors === undefined)).toBe(true);
    expect(new Set(calls.map((call) => call.data.publishInspectionTask.id)).size).toBe(1);
    publication = calls[0]!.data.publishInspectionTask;
    expect(await system.joint.orm.em.fork().count(Publication, { task: taskId })).toBe(1);
    // A joint task's title says 联合抽查 and names every division, so each finds its own announcement.
    expect(publication.title).toMatch(new RegExp(`^治安管理支队、网络安全保卫支队${YEAR}年度联合抽查检查结果公告（治安管理支队第\\d{3}号）$`));
    expect(publication).toMatchObject({
      isJoint: true,
      divisions: [
        { code: 'ZA', name: '治安管理支队', lead: true },
        { code: 'WA', name: '网络安全保卫支队', lead: false },
      ],
    });
    expect(publication.withheldCount).toBe(1);
    expect(publication.onTime).toBe(true);
    expect(publication.resultCount).toBe(assignments.reduce((sum, assignment) => sum + assignment.items.length, 0));
  });

  it("is found among each taking division's publications, not only the lead's", async () => {
    const LIST = `query($d: ID) { publications(division: $d) { totalCount edges { node { id } } } }`;
    for (const division of ['ZA', 'WA']) {
      const list = await system.query(LIST, { d: division });
      expect(list.data.publications.edges.map(({ node }: any) => node.id)).toContain(publication.id);
    }
    expect((await system.query(LIST, { d: 'CRJ' })).data.publications.totalCount).toBe(0);
  });

  it('shows every result to the public without withheld findings or any inspector', async () => {
    const result = await system.query(PUBLIC, { q: null, uscc: null });
    expect(result.errors).toBeUndefined();
    const nodes = result.data.publicResults.edges.map((edge: any) => edge.node);
    expect(nodes.filter((node: any) => node.title === publication.title)).toHaveLength(publication.resultCount);
    const text = JSON.stringify(result.body);
    expect(text).not.toContain(SECRET_FINDING);
    const withheld = nodes.find((node: any) => node.withheldReason);
    expect(withheld).toMatchObject({ findings: null, withheldReason: expect.stringContaining('商业秘密') });
    const names = await system.query(
      `query($id: ID!) { inspectionTask(id: $id) { assignments(first: 500) { edges { node { inspectors { id name certificateNo } } } } } }`,
      { id: taskId },
      coordinator,
    );
    for (const edge of names.data.inspectionTask.assignments.edges) {
      for (const inspector of edge.node.inspectors) {
        expect(text).not.toContain(inspector.name);
        expect(text).not.toContain(inspector.id);
        expect(text).not.toContain(inspector.certificateNo);
      }
    }
    const refusal = nodes.find((node: any) => node.uscc === refused.uscc);
    expect(refusal).toMatchObject({ outcome: 'REFUSED_INSPECTION', outcomeLabel: '不配合检查情节严重' });
    const byCode = await system.query(PUBLIC, { uscc: refused.uscc });
    expect(byCode.data.publicResults.edges.every((edge: any) => edge.node.uscc === refused.uscc)).toBe(true);
  });

  it('never changes a published result; a correction, once a reviewer approves it, is a published, audited amendment', async () => {
    const assignment = assignments[0]!;
    const item = assignment.items[0]!;
    expect(codes(await record(assignment, item, { findings: '事后修改' }))).toEqual(['ALREADY_PUBLISHED']);
    const AMEND = `mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!, $reason: String!) { amendResult(assignment: $a, item: $item, input: $input, reason: $reason) { id amends reason outcome findings review { status } } }`;
    const amended = await system.query(
      AMEND,
      {
        a: assignment.id,
        item,
        input: { outcome: 'ISSUES_RECTIFIED_ON_ORDER', findings: '复查发现未按规定登记旅客信息，已责令改正', method: '实地检查', inspectedOn: TODAY },
        reason: '原记录录入错误',
      },
      coordinator,
    );
    expect(amended.errors).toBeUndefined();
    expect(amended.data.amendResult).toMatchObject({ reason: '原记录录入错误', amends: expect.any(String), review: { status: 'PENDING' } });
    const approved = await system.query(REVIEW, { a: assignment.id, item, approve: true, note: null }, await tokens.reviewer(item.division));
    expect(approved.errors).toBeUndefined();
    const history = await system.query(PUBLIC, { uscc: assignment.uscc });
    const rows = history.data.publicResults.edges
      .map((edge: any) => edge.node)
      .filter((node: any) => node.itemName === history.data.publicResults.edges.find((edge: any) => edge.node.amends)?.node.itemName);
    expect(rows.map((row: any) => row.outcome).sort()).toEqual(['ISSUES_RECTIFIED_ON_ORDER', 'NO_ISSUES_FOUND']);
    expect(rows.find((row: any) => row.amends)).toMatchObject({ title: `${publication.title}（更正）`, amendmentReason: '原记录录入错误' });
    const audit = await system.query(`{ auditChain { ok length } }`, {}, await tokens.supervisor());
    expect(audit.data.auditChain.ok).toBe(true);
  });

  it("adds the results to the entity's credit record, and a published refusal puts it in the HIGH stratum of the next draw", async () => {
    const entity = await system.query(
      `query($u: String!) { marketEntity(uscc: $u) { uscc name creditRecord { kind outcome outcomeLabel violation publication } } }`,
      { u: refused.uscc },
    );
    expect(entity.data.marketEntity.creditRecord).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'INSPECTION_RESULT', outcome: 'REFUSED_INSPECTION', violation: true, publication: expect.any(String) }),
      ]),
    );
    const directed = await committedTask(system, {
      name: '拒检复查',
      kind: 'DIRECTED',
      ratioBp: 10000,
      highRiskRatioBp: 10000,
      directedTargets: onDataLead([refused.uscc]),
      items: [{ division: 'ZA', code: 'ZA-001' }],
    });
    const { full: next } = await drawn(system, directed, 'recheck beacon');
    // A published violation raises the entity to class C (the HIGH stratum of SSJ-DRAW-1).
    expect(next.targets).toEqual([expect.objectContaining({ uscc: refused.uscc, class: 'C' })]);
  });

  it('shows the publication and the draw record to the public once published', async () => {
    const result = await system.query(`query($id: ID!) { inspectionTask(id: $id) { status publication { id title } draw { record verification { ok } } } }`, {
      id: taskId,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.inspectionTask.publication.title).toBe(publication.title);
    expect(JSON.parse(result.data.inspectionTask.draw.record).pool.task).toBe(taskId);
    const stats = await system.query(
      `query($y: Int!) { inspectionStats(year: $y) { published entitiesInspected violationRateBp resultsByOutcome { outcome label count } } }`,
      { y: YEAR },
      await tokens.analyst(),
    );
    expect(stats.errors).toBeUndefined();
    expect(stats.data.inspectionStats.published).toBe(1);
    expect(stats.data.inspectionStats.entitiesInspected).toBe(assignments.length);
    expect(codes(await system.query(`query($y: Int!) { inspectionStats(year: $y) { tasks } }`, { y: YEAR }, await tokens.inspector('ZA', 'ZA-0001')))).toEqual([
      'FORBIDDEN',
    ]);
  });
});

describe('errors about a published task', () => {
  /** The Chinese clause, before the English in parentheses: no English words inside it. */
  const chineseClause = (message: string) => message.split(' (')[0]!;

  it('name its real state (已公示), and keep to one language per clause', async () => {
    const update = await system.query(
      `mutation($id: ID!, $input: InspectionTaskInput!) { updateInspectionTask(id: $id, input: $input) { id } }`,
      { id: taskId, input: taskInputForUpdate() },
      coordinator,
    );
    expect(codes(update)).toEqual(['TASK_NOT_DRAFT']);
    expect(update.errors![0]!.message).toMatch(
      new RegExp(`^任务 ${taskId} 已公示，定义不能再修改，只有草拟中的任务可以修改 \\(task ${taskId} is PUBLISHED; only a DRAFT can change\\)$`),
    );
    const cancel = await system.query(`mutation($id: ID!) { cancelInspectionTask(id: $id, reason: "计划调整") { id } }`, { id: taskId }, coordinator);
    expect(codes(cancel)).toEqual(['ALREADY_PUBLISHED']);
    expect(cancel.errors![0]!.message).toMatch(/^任务 \S+ 已公示，不能撤销 \(/);
    const beacon = await system.query(`mutation($id: ID!) { drawInspectionTask(id: $id, beacon: "") { id } }`, { id: taskId }, coordinator);
    expect(beacon.errors![0]!.message).toBe('公开随机数无效：不能为空 (invalid beacon: the beacon is empty)');
    const again = await system.query(`mutation($id: ID!) { drawInspectionTask(id: $id, beacon: "另一个随机数") { id } }`, { id: taskId }, coordinator);
    for (const result of [update, cancel, beacon, again]) expect(chineseClause(result.errors![0]!.message)).not.toMatch(/\b[a-z]{2,}\b/);
  });
});

function taskInputForUpdate() {
  return {
    name: '旅馆业联合抽查（结果公示）',
    year: YEAR,
    kind: 'RANDOM',
    items: [{ division: 'ZA', code: 'ZA-001' }],
    ratioBp: 1000,
    highRiskRatioBp: 1000,
    inspectorsPerDivision: 1,
    periodStart: TODAY,
    periodEnd: addDays(TODAY, 30),
  };
}
