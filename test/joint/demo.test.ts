import { addDays, shanghaiDate } from '../../common/dates';
import { DEMO_CREDIT_CLASSES, DemoClock, OVERDUE_DEMO_DAYS_AGO, seedJointDemo } from '../../scripts/demo-joint';
import { startTestSystem, type TestSystem } from '../support/system';
import { TEST_AUTH_SECRET, tokens } from '../support/tokens';

let system: TestSystem;
const clock = new DemoClock();

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA', 'JD', 'JJ', 'CRJ'], seed: 'demo', now: clock.now });
  expect(await seedJointDemo({ gatewayUrl: system.gateway.url, authSecret: TEST_AUTH_SECRET, clock })).toBe(true);
}, 300_000);

afterAll(() => system.stop());

const TASKS = `{ inspectionTasks { totalCount edges { node { id name year status isJoint resultsDueBy createdAt
  progress { total recorded remaining complete } warnings { code }
  publication { title resultCount withheldCount } draw { verification { ok } } } } } }`;

describe('demonstration tasks for npm start', () => {
  it('runs a published, an in-progress, a committed and an overdue task through the gateway, once', async () => {
    const tasks = await system.query(TASKS, {}, await tokens.supervisor());
    expect(tasks.errors).toBeUndefined();
    const nodes = tasks.data.inspectionTasks.edges.map(({ node }: any) => node);
    expect(nodes.map((node: any) => node.status).sort()).toEqual(['COMMITTED', 'DRAWN', 'DRAWN', 'PUBLISHED']);
    const published = nodes.find((node: any) => node.status === 'PUBLISHED');
    expect(published.publication.resultCount).toBeGreaterThan(10);
    expect(published.publication.withheldCount).toBe(1);
    expect(published.draw.verification.ok).toBe(true);
    const open = await system.query(`{ publicResults(first: 500) { totalCount edges { node { outcome withheldReason } } } }`);
    expect(open.data.publicResults.totalCount).toBe(published.publication.resultCount);
    expect(open.data.publicResults.edges.some(({ node }: any) => node.outcome === 'REFUSED_INSPECTION')).toBe(true);
    // The demo keeps to the item list's published ratios.
    for (const node of nodes) expect(node.warnings.filter((warning: any) => warning.code === 'RATIO_BELOW_ITEM')).toEqual([]);
    expect(await seedJointDemo({ gatewayUrl: system.gateway.url, authSecret: TEST_AUTH_SECRET, clock })).toBe(false);
  });

  it("had every result of the published task approved by a reviewer of its item's division before publication", async () => {
    const supervisor = await tokens.supervisor();
    const nodes = (await system.query(TASKS, {}, supervisor)).data.inspectionTasks.edges.map(({ node }: any) => node);
    const published = nodes.find((node: any) => node.status === 'PUBLISHED');
    const read = await system.query(
      `query($id: ID!) { inspectionTask(id: $id) { assignments(first: 500) { edges { node { results { item { division } review { status by { sub } at note } } } } } } }`,
      { id: published.id },
      supervisor,
    );
    expect(read.errors).toBeUndefined();
    const results = read.data.inspectionTask.assignments.edges.flatMap(({ node }: any) => node.results);
    expect(results).toHaveLength(published.publication.resultCount);
    for (const result of results) {
      expect(result.review).toMatchObject({ status: 'APPROVED', by: { sub: `demo-reviewer-${result.item.division}` }, at: expect.any(String) });
    }
  });

  it('gives a few hotels of the directory credit-risk classes, A, C and D among them, which the coordinator sees and the public does not', async () => {
    const coordinator = await tokens.coordinator();
    const hotels = await system.query(`{ division(code: "ZA") { targets(first: 8, category: "旅馆") { edges { node { uscc } } } } }`, {}, coordinator);
    const usccs: string[] = hotels.data.division.targets.edges.map(({ node }: any) => node.uscc);
    const classes = [];
    for (const uscc of usccs) {
      const seen = await system.query(`query($u: String!) { marketEntity(uscc: $u) { creditClass { riskClass source } } }`, { u: uscc }, coordinator);
      expect(seen.errors).toBeUndefined();
      classes.push(seen.data.marketEntity.creditClass.riskClass);
    }
    expect(classes).toEqual([...DEMO_CREDIT_CLASSES]);
    expect(new Set(classes)).toEqual(new Set(['A', 'B', 'C', 'D']));
    const anonymous = await system.query(`query($u: String!) { marketEntity(uscc: $u) { creditClass { riskClass } } }`, { u: usccs[4] });
    expect(anonymous.data?.marketEntity?.creditClass ?? null).toBeNull();
  });

  it('leaves results missing in the task it calls partly recorded, so publishing it shows what is missing', async () => {
    const nodes = (await system.query(TASKS, {}, await tokens.coordinator())).data.inspectionTasks.edges.map(({ node }: any) => node);
    const partly = nodes.find((node: any) => node.name.includes('剧毒化学品'));
    expect(partly.status).toBe('DRAWN');
    expect(partly.progress.recorded).toBeGreaterThan(0);
    expect(partly.progress.remaining).toBeGreaterThan(0);
    expect(partly.progress.total).toBe(partly.progress.recorded + partly.progress.remaining);
    const refused = await system.query(`mutation($id: ID!) { publishInspectionTask(id: $id) { id } }`, { id: partly.id }, await tokens.coordinator());
    expect(refused.errors?.[0]?.extensions?.code).toBe('RESULTS_INCOMPLETE');
    expect(refused.errors?.[0]?.extensions?.missingCount).toBe(partly.progress.remaining);
  });

  it('has a task past its deadline on a fresh system: in the overdue filter, in stillDue and in the statistics', async () => {
    const today = shanghaiDate();
    const drawnOn = addDays(today, -OVERDUE_DEMO_DAYS_AGO);
    const coordinator = await tokens.coordinator();
    const overdue = await system.query(
      `{ inspectionTasks(overdue: true) { totalCount edges { node { id year name resultsDueBy createdAt progress { complete } } } } }`,
      {},
      coordinator,
    );
    expect(overdue.data.inspectionTasks.totalCount).toBe(1);
    const task = overdue.data.inspectionTasks.edges[0].node;
    expect(task).toMatchObject({ year: Number(drawnOn.slice(0, 4)), progress: { complete: true } });
    expect(task.createdAt.slice(0, 10)).toBe(drawnOn);
    expect(task.resultsDueBy < today).toBe(true);
    const stats = await system.query(
      `query($y: Int!) { inspectionStats(year: $y) { overdue publications { stillDue { task overdue workingDaysLeft drawnOn } } } }`,
      { y: task.year },
      await tokens.supervisor(),
    );
    expect(stats.data.inspectionStats.overdue).toBeGreaterThanOrEqual(1);
    const due = stats.data.inspectionStats.publications.stillDue.find((entry: any) => entry.task === task.id);
    expect(due).toMatchObject({ overdue: true, drawnOn });
    expect(due.workingDaysLeft).toBeLessThan(0);
    // The clock is back to the real time for everything after the demo.
    const notOverdue = await system.query(`{ inspectionTasks(overdue: false) { totalCount edges { node { createdAt } } } }`, {}, coordinator);
    expect(notOverdue.data.inspectionTasks.totalCount).toBe(3);
    for (const { node } of notOverdue.data.inspectionTasks.edges) expect(node.createdAt.slice(0, 10)).toBe(today);
  });
});
