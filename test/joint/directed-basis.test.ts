import { drawnWithResults, PUBLISH } from '../portal/fixtures';
import { startTestSystem, type TestSystem } from '../support/system';
import { tokens } from '../support/tokens';
import { approveResults, codes, committedTask, CREATE, drawn, onDataLead, taskInput, TODAY, YEAR } from './helpers';

/**
 * Every directed target has a basis: a DIRECTED task names each entity with a
 * 投诉举报 (an open complaint on it), a 转办交办 (the referring authority and
 * document number) or a 大数据分析线索 (its description), or it is refused as
 * MISSING_BASIS naming the entity. The kind of basis and a referral's reference
 * are published with the results; the complaint, and so who complained, never is.
 */

let system: TestSystem;
let coordinator: string;
let supervisor: string;
let hotels: string[];

const HOTEL = [{ division: 'ZA', code: 'ZA-001' }];
const directed = (directedTargets: unknown, overrides: Record<string, unknown> = {}) =>
  taskInput({ name: '定向检查', kind: 'DIRECTED', ratioBp: 10000, highRiskRatioBp: 10000, items: HOTEL, directedTargets, ...overrides });
const FILE_COMPLAINT = `mutation($uscc: String!, $summary: String!, $on: Date!) { fileComplaint(uscc: $uscc, summary: $summary, receivedOn: $on) { id open } }`;
const CLOSE_COMPLAINT = `mutation($id: ID!) { closeComplaint(id: $id) { id open } }`;
const TASK_COUNT = `{ inspectionTasks { totalCount } }`;
const DIRECTED_TARGETS = `query($id: ID!) { inspectionTask(id: $id) { directedTargets { uscc basis basisLabel complaint reference note } } }`;
const REFERENCE = '许昌市市场监督管理局 许市监转〔2026〕12号';
/** Who complained, as the complaint register has it: none of it may reach the public. */
const COMPLAINANT = '举报人王秀英（电话13903741234）';

async function fileComplaint(uscc: string): Promise<string> {
  const filed = await system.query(FILE_COMPLAINT, { uscc, summary: `${COMPLAINANT}反映：未落实旅客住宿实名登记`, on: TODAY }, coordinator);
  if (filed.errors) throw new Error(JSON.stringify(filed.errors));
  return filed.data.fileComplaint.id as string;
}

async function taskCount(): Promise<number> {
  return (await system.query(TASK_COUNT, {}, coordinator)).data.inspectionTasks.totalCount;
}

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA'], seed: 'demo' });
  coordinator = await tokens.coordinator();
  supervisor = await tokens.supervisor();
  const directory = await system.query(
    `{ division(code: "ZA") { targets(category: "旅馆", status: ACTIVE, first: 40) { edges { node { uscc } } } } }`,
    {},
    coordinator,
  );
  hotels = directory.data.division.targets.edges.map((edge: any) => edge.node.uscc);
});

afterAll(() => system.stop());

describe('a DIRECTED task names every entity with a basis', () => {
  it('refuses plain targets on a DIRECTED task as MISSING_BASIS, naming the entity, and stores nothing', async () => {
    const before = await taskCount();
    const refused = await system.query(CREATE, { input: directed(undefined, { targets: [hotels[0]] }) }, coordinator);
    expect(codes(refused)).toEqual(['MISSING_BASIS']);
    expect(refused.errors![0]!.extensions).toMatchObject({ uscc: hotels[0], entities: [{ uscc: hotels[0], basis: null }] });
    expect(refused.errors![0]!.message).toContain(hotels[0]);
    expect(refused.errors![0]!.message).toContain('未列明定向检查依据');
    expect(await taskCount()).toBe(before);
  });

  it.each([
    ['a COMPLAINT on an entity without an open complaint', () => ({ uscc: hotels[1], basis: 'COMPLAINT' }), '没有未办结的投诉举报'],
    ['a REFERRAL without a reference', () => ({ uscc: hotels[1], basis: 'REFERRAL' }), '转办机关和文号'],
    ['a REFERRAL whose reference names no document number', () => ({ uscc: hotels[1], basis: 'REFERRAL', reference: '市局交办' }), '转办机关和文号'],
    ['a DATA_LEAD without a description', () => ({ uscc: hotels[1], basis: 'DATA_LEAD', reference: '线索 2026-07' }), '说明线索内容'],
  ])('refuses %s as MISSING_BASIS, naming the entity', async (_label, target, words) => {
    const before = await taskCount();
    const refused = await system.query(CREATE, { input: directed([target()]) }, coordinator);
    expect(codes(refused)).toEqual(['MISSING_BASIS']);
    expect(refused.errors![0]!.extensions!.uscc).toBe(hotels[1]);
    expect(refused.errors![0]!.message).toContain(hotels[1]);
    expect(refused.errors![0]!.message).toContain(words);
    expect(await taskCount()).toBe(before);
  });

  it("takes a COMPLAINT only with an open complaint on that very entity: another entity's or a closed one is refused", async () => {
    const [entity, other] = [hotels[2]!, hotels[3]!];
    const othersComplaint = await fileComplaint(other);
    const wrongEntity = await system.query(CREATE, { input: directed([{ uscc: entity, basis: 'COMPLAINT', complaint: othersComplaint }]) }, coordinator);
    expect(codes(wrongEntity)).toEqual(['MISSING_BASIS']);
    expect(wrongEntity.errors![0]!.message).toContain(`检查对象 ${entity} 没有编号为 ${othersComplaint} 的投诉举报`);

    const closed = await fileComplaint(entity);
    expect((await system.query(CLOSE_COMPLAINT, { id: closed }, coordinator)).errors).toBeUndefined();
    const onClosed = await system.query(CREATE, { input: directed([{ uscc: entity, basis: 'COMPLAINT', complaint: closed }]) }, coordinator);
    expect(codes(onClosed)).toEqual(['MISSING_BASIS']);
    expect(onClosed.errors![0]!.message).toContain('已办结');
    // Without a complaint id the entity's open complaints are looked at: it has none left.
    expect(codes(await system.query(CREATE, { input: directed([{ uscc: entity, basis: 'COMPLAINT' }]) }, coordinator))).toEqual(['MISSING_BASIS']);

    const open = await fileComplaint(entity);
    const created = await system.query(CREATE, { input: directed([{ uscc: entity, basis: 'COMPLAINT' }]) }, coordinator);
    expect(created.errors).toBeUndefined();
    const bases = await system.query(DIRECTED_TARGETS, { id: created.data.createInspectionTask.id }, coordinator);
    expect(bases.data.inspectionTask.directedTargets).toEqual([
      { uscc: entity, basis: 'COMPLAINT', basisLabel: '投诉举报', complaint: open, reference: null, note: null },
    ]);
  });

  it('names every entity without a basis in one refusal, and a change to a draft is held to the same rule', async () => {
    const refused = await system.query(
      CREATE,
      {
        input: directed([
          { uscc: hotels[4], basis: 'DATA_LEAD', note: '入住数据异常' },
          { uscc: hotels[5], basis: 'REFERRAL' },
          { uscc: hotels[6], basis: 'DATA_LEAD' },
        ]),
      },
      coordinator,
    );
    expect(codes(refused)).toEqual(['MISSING_BASIS']);
    expect(refused.errors![0]!.extensions!.entities.map((entity: any) => [entity.uscc, entity.basis])).toEqual([
      [hotels[5], 'REFERRAL'],
      [hotels[6], 'DATA_LEAD'],
    ]);

    const draft = await system.query(CREATE, { input: directed(onDataLead([hotels[4]!])) }, coordinator);
    const id = draft.data.createInspectionTask.id;
    const UPDATE = `mutation($id: ID!, $input: InspectionTaskInput!) { updateInspectionTask(id: $id, input: $input) { id } }`;
    expect(codes(await system.query(UPDATE, { id, input: directed(undefined, { targets: [hotels[4]] }) }, coordinator))).toEqual(['MISSING_BASIS']);
    expect(codes(await system.query(UPDATE, { id, input: directed([{ uscc: hotels[4], basis: 'REFERRAL', reference: REFERENCE }]) }, coordinator))).toEqual([]);
    expect((await system.query(DIRECTED_TARGETS, { id }, coordinator)).data.inspectionTask.directedTargets).toEqual([
      { uscc: hotels[4], basis: 'REFERRAL', basisLabel: '转办交办', complaint: null, reference: REFERENCE, note: null },
    ]);
  });

  it('names an entity inspected this year again only on a basis: the draw takes it', async () => {
    const random = await committedTask(system, { name: '旅馆业随机抽查', items: HOTEL, ratioBp: 1000, highRiskRatioBp: 1000 });
    const { opened } = await drawn(system, random, 'random beacon');
    const inspected = opened[0]!.uscc;
    const inspectedIn = await system.query(
      `query($u: String!, $y: Int!) { marketEntity(uscc: $u) { inspectedIn(year: $y) } }`,
      { u: inspected, y: YEAR },
      coordinator,
    );
    expect(inspectedIn.data.marketEntity.inspectedIn).toBe(true);
    expect(codes(await system.query(CREATE, { input: directed(undefined, { targets: [inspected] }) }, coordinator))).toEqual(['MISSING_BASIS']);
    const again = await committedTask(system, { ...directed([{ uscc: inspected, basis: 'REFERRAL', reference: REFERENCE }]), name: '转办复查' });
    const { opened: next } = await drawn(system, again, 'referral beacon');
    expect(next.map((assignment) => assignment.uscc)).toEqual([inspected]);
  });
});

describe('the basis is public with the results, the complainant never', () => {
  let taskId: string;
  let complaintId: string;
  let publicationId: string;
  const [COMPLAINT, REFERRAL, LEAD] = [20, 21, 22];
  const NOTE = '大数据比对：旅客入住登记数与网约房平台订单数不符';
  const PUBLIC_RESULTS = `query($u: String!) { publicResults(uscc: $u) { edges { node { uscc title publication directedBasis { basis label reference } } } } }`;
  const PUBLIC_TASK = `query($id: ID!) { inspectionTask(id: $id) {
    directedTargets { uscc basis basisLabel complaint reference note }
    publication { id title results { uscc entityName findings directedBasis { basis label reference } } } } }`;

  beforeAll(async () => {
    complaintId = await fileComplaint(hotels[COMPLAINT]!);
    const input = directed([
      { uscc: hotels[COMPLAINT], basis: 'COMPLAINT', complaint: complaintId },
      { uscc: hotels[REFERRAL], basis: 'REFERRAL', reference: REFERENCE, note: '市场监管局来函' },
      { uscc: hotels[LEAD], basis: 'DATA_LEAD', reference: '线索编号 DL-2026-031', note: NOTE },
    ]);
    ({ taskId } = await drawnWithResults(system, { ...input, name: '旅馆业定向检查（投诉、转办、线索）' }, 'directed bases beacon'));
  });

  it('keeps the named entities and their bases from the public until publication; the office sees them with the complaint', async () => {
    expect((await system.query(DIRECTED_TARGETS, { id: taskId })).data.inspectionTask.directedTargets).toEqual([]);
    const office = (await system.query(DIRECTED_TARGETS, { id: taskId }, supervisor)).data.inspectionTask.directedTargets;
    expect(office).toHaveLength(3);
    expect(office).toEqual(
      expect.arrayContaining([
        { uscc: hotels[COMPLAINT], basis: 'COMPLAINT', basisLabel: '投诉举报', complaint: complaintId, reference: null, note: null },
        { uscc: hotels[REFERRAL], basis: 'REFERRAL', basisLabel: '转办交办', complaint: null, reference: REFERENCE, note: '市场监管局来函' },
        { uscc: hotels[LEAD], basis: 'DATA_LEAD', basisLabel: '大数据分析线索', complaint: null, reference: '线索编号 DL-2026-031', note: NOTE },
      ]),
    );
  });

  it('publishes the kind of basis, and the reference of a referral only', async () => {
    await approveResults(system, taskId);
    const published = await system.query(PUBLISH, { id: taskId }, coordinator);
    expect(published.errors).toBeUndefined();
    publicationId = published.data.publishInspectionTask.id;
    const basisOf = async (index: number) => (await system.query(PUBLIC_RESULTS, { u: hotels[index] })).data.publicResults.edges[0].node.directedBasis;
    expect(await basisOf(COMPLAINT)).toEqual({ basis: 'COMPLAINT', label: '投诉举报', reference: null });
    expect(await basisOf(REFERRAL)).toEqual({ basis: 'REFERRAL', label: '转办交办', reference: REFERENCE });
    expect(await basisOf(LEAD)).toEqual({ basis: 'DATA_LEAD', label: '大数据分析线索', reference: null });
    const task = (await system.query(PUBLIC_TASK, { id: taskId })).data.inspectionTask;
    expect(task.directedTargets).toEqual(
      expect.arrayContaining([
        { uscc: hotels[COMPLAINT], basis: 'COMPLAINT', basisLabel: '投诉举报', complaint: null, reference: null, note: null },
        { uscc: hotels[REFERRAL], basis: 'REFERRAL', basisLabel: '转办交办', complaint: null, reference: REFERENCE, note: null },
        { uscc: hotels[LEAD], basis: 'DATA_LEAD', basisLabel: '大数据分析线索', complaint: null, reference: null, note: null },
      ]),
    );
    expect(task.publication.results.map((result: any) => result.directedBasis.basis).sort()).toEqual(['COMPLAINT', 'DATA_LEAD', 'REFERRAL']);
  });

  it('never shows the public who complained, nor the complaint or the lead, in any answer or portal page', async () => {
    const answers = [
      await system.query(PUBLIC_TASK, { id: taskId }),
      await system.query(PUBLIC_RESULTS, { u: hotels[COMPLAINT] }),
      await system.query(`query($id: ID!) { publication(id: $id) { title results { uscc entityName findings directedBasis { basis label reference } } } }`, {
        id: publicationId,
      }),
      await system.query(`query($u: String!) { marketEntity(uscc: $u) { name creditRecord { kind summary } } }`, { u: hotels[COMPLAINT] }),
    ];
    const base = system.gateway.url.replace(/\/graphql$/, '');
    const pages = await Promise.all(
      [`/publications/${encodeURIComponent(publicationId)}`, `/tasks/${taskId}/draw`, `/?q=${hotels[COMPLAINT]}`].map(async (path) => {
        const response = await fetch(base + path);
        expect(response.status).toBe(200);
        return response.text();
      }),
    );
    expect(pages[0]).toContain('投诉举报');
    expect(pages[0]).toContain(REFERENCE);
    // The complaint register is the office's: the public is refused it outright.
    const complaints = await system.query(`query($u: String!) { marketEntity(uscc: $u) { complaints { id summary } } }`, { u: hotels[COMPLAINT] });
    expect(codes(complaints)).toEqual(['UNAUTHENTICATED']);
    answers.push(complaints);
    for (const text of [...answers.map((answer) => JSON.stringify(answer)), ...pages]) {
      expect(text).not.toContain('王秀英');
      expect(text).not.toContain('13903741234');
      expect(text).not.toContain('举报人');
      expect(text).not.toContain(NOTE);
    }
  });
});

describe('who uses directed tasks, and how often', () => {
  const STATS = `query($y: Int!, $d: ID) { inspectionStats(year: $y, division: $d) { directedInspections { division basis label inspections tasks } } }`;

  it('counts directed inspections per division and basis for supervisors (drafts are not inspected; a referral was used twice)', async () => {
    const stats = await system.query(STATS, { y: YEAR }, supervisor);
    expect(stats.errors).toBeUndefined();
    expect(stats.data.inspectionStats.directedInspections).toEqual([
      { division: 'ZA', basis: 'COMPLAINT', label: '投诉举报', inspections: 1, tasks: 1 },
      { division: 'ZA', basis: 'REFERRAL', label: '转办交办', inspections: 2, tasks: 2 },
      { division: 'ZA', basis: 'DATA_LEAD', label: '大数据分析线索', inspections: 1, tasks: 1 },
    ]);
    expect((await system.query(STATS, { y: YEAR, d: 'ZA' }, supervisor)).data.inspectionStats.directedInspections).toHaveLength(3);
    expect((await system.query(STATS, { y: YEAR, d: 'WA' }, supervisor)).data.inspectionStats.directedInspections).toEqual([]);
    expect(codes(await system.query(STATS, { y: YEAR }))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('a later task over the pool of a cancelled draw shows which cancelled task it follows', () => {
  const FOLLOWS = `query($id: ID!) { inspectionTask(id: $id) { followsCancelled { id name status } } }`;
  const followed = async (id: string, token?: string) => (await system.query(FOLLOWS, { id }, token)).data.inspectionTask.followsCancelled;

  it('names the cancelled draw on a task drawn after it over the same item category, for everyone who sees the task and on the portal', async () => {
    const earlier = await committedTask(system, { name: '先抽取的旅馆业抽查', items: HOTEL, ratioBp: 500, highRiskRatioBp: 500 });
    await drawn(system, earlier, 'earlier beacon');
    const cancelled = await committedTask(system, { name: '被撤销的旅馆业抽查', items: HOTEL, ratioBp: 500, highRiskRatioBp: 500 });
    await drawn(system, cancelled, 'cancelled beacon');
    const seals = await committedTask(system, { name: '公章刻制业抽查', items: [{ division: 'ZA', code: 'ZA-002' }], ratioBp: 1000, highRiskRatioBp: 1000 });
    const requested = await system.query(`mutation($id: ID!) { cancelInspectionTask(id: $id, reason: "名录有误") { status } }`, { id: cancelled }, coordinator);
    expect(requested.data.cancelInspectionTask.status).toBe('CANCELLATION_REQUESTED');
    // A request alone is no cancelled draw yet.
    const later = await committedTask(system, { name: '重新抽取的旅馆业抽查', items: HOTEL, ratioBp: 500, highRiskRatioBp: 500 });
    expect(await followed(later, coordinator)).toEqual([]);
    const approved = await system.query(`mutation($id: ID!) { approveCancellation(id: $id, note: "同意") { status } }`, { id: cancelled }, supervisor);
    expect(approved.data.approveCancellation.status).toBe('CANCELLED');

    const expected = [{ id: cancelled, name: '被撤销的旅馆业抽查', status: 'CANCELLED' }];
    expect(await followed(later, coordinator)).toEqual(expected);
    expect(await followed(later, supervisor)).toEqual(expected);
    expect(await followed(later)).toEqual(expected);
    await drawn(system, later, 'later beacon');
    expect(await followed(later)).toEqual(expected);
    // Drawn before the cancelled draw, or over another pool (印章刻制业): it follows nothing.
    expect(await followed(earlier, coordinator)).toEqual([]);
    expect(await followed(seals, coordinator)).toEqual([]);
    expect(await followed(cancelled, coordinator)).toEqual([]);

    const page = await (await fetch(`${system.gateway.url.replace(/\/graphql$/, '')}/tasks/${later}/draw`)).text();
    expect(page).toContain('接续已撤销的抽取');
    expect(page).toContain(cancelled);
    const sealsPage = await (await fetch(`${system.gateway.url.replace(/\/graphql$/, '')}/tasks/${seals}/draw`)).text();
    expect(sealsPage).not.toContain('接续已撤销的抽取');
  });
});
