/**
 * Demonstration tasks for `npm start`: on an empty joint database it runs a few
 * inspections through the gateway exactly as the office would — a published
 * joint hotel inspection (every result approved by a reviewer of its division
 * first), one with results still missing, one committed, and
 * (given the clock) one drawn and inspected two months ago and never published,
 * now past its deadline — so the portal, the statistics and the deadline views
 * have something to show. A few hotels get the market regulator's credit-risk
 * classes (企业信用风险分类: A, B, C and D), imported as one sheet.
 */
import { SignJWT } from 'jose';
import { addDays, shanghaiDate } from '../common/dates';
import type { Role } from '../common/viewer';

interface Demo {
  gatewayUrl: string;
  authSecret: string;
  log?: (line: string) => void;
  /** The joint subgraph's clock: given, the overdue task is run two months in the past. */
  clock?: DemoClock;
}

/**
 * The joint subgraph's clock while the demo loads. It runs one task "in the past"
 * (created, drawn and inspected on a day two months ago) so a fresh system has a
 * task past its 20-working-day deadline; it is back to the real time before
 * anything else happens and before the system is announced.
 */
export class DemoClock {
  private offsetMs = 0;

  readonly now = (): Date => new Date(Date.now() + this.offsetMs);

  async at<T>(day: string, run: () => Promise<T>): Promise<T> {
    // 10:00 in Shanghai on that day.
    this.offsetMs = Date.parse(`${day}T02:00:00.000Z`) - Date.now();
    try {
      return await run();
    } finally {
      this.offsetMs = 0;
    }
  }
}

/** How far back the overdue demonstration task was drawn: far enough to be past 20 working days whatever the holidays. */
export const OVERDUE_DEMO_DAYS_AGO = 60;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL answers read as the demo needs them
type Json = Record<string, any>;

async function token(secret: string, roles: Role[], extra: Json = {}): Promise<string> {
  return new SignJWT({ name: extra.name ?? roles.join(','), roles, ...extra })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(`demo-${roles.join('-')}-${extra.inspector ?? extra.division ?? 'office'}`)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(secret));
}

async function call(url: string, bearer: string, query: string, variables: Json = {}): Promise<Json> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Json; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(`demo data: ${body.errors.map((error) => error.message).join('; ')}`);
  return body.data!;
}

const CREATE = `mutation($input: InspectionTaskInput!) { createInspectionTask(input: $input) { id } }`;
const COMMIT = `mutation($id: ID!) { commitInspectionTask(id: $id) { id } }`;
const DRAW = `mutation($id: ID!, $beacon: String!) { drawInspectionTask(id: $id, beacon: $beacon) { id } }`;
const TEAMS = `query($id: ID!) { inspectionTask(id: $id) { assignments(first: 500) { edges { node { id items { division code } inspectors { division id } } } } } }`;
const RECORD = `mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!) { recordResult(assignment: $a, item: $item, input: $input) { outcome } }`;

/** The outcome the n-th demo result gets: mostly clean, with each kind of finding represented. */
function demoOutcome(n: number): Json {
  if (n === 3) return { outcome: 'REFUSED_INSPECTION', findings: '经营者拒绝出示旅客住宿登记簿，阻碍执法检查', followUp: 'PENALTY' };
  if (n === 5) return { outcome: 'ISSUES_RECTIFIED_ON_ORDER', findings: '客房管理系统及会员数据涉及经营者商业秘密', disclosure: 'TRADE_SECRET' };
  if (n === 8) return { outcome: 'UNREACHABLE_AT_REGISTERED_ADDRESS', findings: '登记住所已改作他用，电话无法接通' };
  if (n === 11) return { outcome: 'NO_RELEVANT_ACTIVITY', findings: '已停止住宿经营' };
  if (n % 6 === 0) return { outcome: 'ISSUES_RECTIFIED_ON_ORDER', findings: '部分旅客未按规定登记身份信息，已当场责令改正' };
  if (n % 9 === 0)
    return {
      outcome: 'ISSUES_PENDING_FOLLOW_UP',
      findings: '消防通道堆放杂物，已移送消防救援机构',
      followUp: 'REFERRED_TO_OTHER_AUTHORITY',
      referredTo: '许昌市消防救援支队',
    };
  return { outcome: 'NO_ISSUES_FOUND', findings: '检查未发现问题' };
}

/**
 * Records the first `share` of a task's results (all for 1). Any share below 1
 * leaves at least one result missing, so "publish with results missing" can be
 * seen on the demo, and records at least one, so the deadline runs.
 */
async function recordResults(demo: Demo, coordinator: string, task: string, share: number, today = shanghaiDate()): Promise<void> {
  const teams = await call(demo.gatewayUrl, coordinator, TEAMS, { id: task });
  const work = (teams.inspectionTask.assignments.edges as Array<{ node: Json }>).flatMap(({ node }) =>
    (node.items as Array<{ division: string; code: string }>).map((item) => ({ node, item })),
  );
  const count = share >= 1 ? work.length : Math.min(work.length - 1, Math.max(1, Math.floor(work.length * share)));
  const tokens = new Map<string, string>();
  for (const [index, { node, item }] of work.slice(0, count).entries()) {
    const member = (node.inspectors as Array<{ division: string; id: string }>).find((inspector) => inspector.division === item.division)!;
    const key = `${member.division}:${member.id}`;
    if (!tokens.has(key))
      tokens.set(key, await token(demo.authSecret, ['inspector'], { division: member.division, inspector: member.id, name: `检查员 ${member.id}` }));
    await call(demo.gatewayUrl, tokens.get(key)!, RECORD, { a: node.id, item, input: { method: '实地检查', inspectedOn: today, ...demoOutcome(index + 1) } });
  }
}

const REVIEW = `mutation($a: ID!, $item: ItemRefInput!, $note: String) { reviewResult(assignment: $a, item: $item, approve: true, note: $note) { review { status } } }`;

/** 法制审核: a reviewer of each item's division approves every result of the task, as before its publication. */
async function reviewResults(demo: Demo, coordinator: string, task: string): Promise<void> {
  const teams = await call(demo.gatewayUrl, coordinator, TEAMS, { id: task });
  const tokens = new Map<string, string>();
  for (const { node } of teams.inspectionTask.assignments.edges as Array<{ node: Json }>) {
    for (const item of node.items as Array<{ division: string; code: string }>) {
      if (!tokens.has(item.division))
        tokens.set(item.division, await token(demo.authSecret, ['reviewer'], { division: item.division, name: `${item.division} 法制审核 演示` }));
      await call(demo.gatewayUrl, tokens.get(item.division)!, REVIEW, { a: node.id, item, note: '事实清楚，依据充分（演示）' });
    }
  }
}

/** 印章刻制业 (ZA): drawn and fully inspected two months ago, never published — overdue now. */
async function overdueTask(demo: Demo, clock: DemoClock, coordinator: string): Promise<void> {
  const day = addDays(shanghaiDate(), -OVERDUE_DEMO_DAYS_AGO);
  const year = Number(day.slice(0, 4));
  await clock.at(day, async () => {
    const id = (
      await call(demo.gatewayUrl, coordinator, CREATE, {
        input: {
          year,
          name: `${year}年度公章刻制业治安检查`,
          kind: 'RANDOM',
          items: [{ division: 'ZA', code: 'ZA-002' }],
          ratioBp: 2000,
          highRiskRatioBp: 3000,
          inspectorsPerDivision: 2,
          periodStart: day,
          periodEnd: addDays(day, 14),
          beacon: { source: '中国福利彩票3D当日开奖号码（三位数字，以空格分隔）（演示）', date: day },
        },
      })
    ).createInspectionTask.id;
    await call(demo.gatewayUrl, coordinator, COMMIT, { id });
    await call(demo.gatewayUrl, coordinator, DRAW, { id, beacon: '3 0 9' });
    await recordResults(demo, coordinator, id, 1, day);
  });
}

/** The classes the demonstration gives the first hotels of ZA's directory, in directory order. */
export const DEMO_CREDIT_CLASSES = ['A', 'A', 'B', 'C', 'D', 'A', 'C', 'D'] as const;

/** 企业信用风险分类 for a few hotels, as the office would import the regulator's sheet: one call, one audit entry. */
async function demoCreditClasses(demo: Demo, coordinator: string, today: string): Promise<void> {
  const hotels = await call(
    demo.gatewayUrl,
    coordinator,
    `{ division(code: "ZA") { targets(first: ${DEMO_CREDIT_CLASSES.length}, category: "旅馆") { edges { node { uscc } } } } }`,
  );
  const rows = hotels.division.targets.edges.map(({ node }: Json, index: number) => ({
    uscc: node.uscc,
    riskClass: DEMO_CREDIT_CLASSES[index],
    source: '许昌市市场监督管理局企业信用风险分类结果（演示）',
    assessedOn: addDays(today, -30),
  }));
  const report = await call(
    demo.gatewayUrl,
    coordinator,
    `mutation($rows: [CreditClassInput!]!) { importCreditClasses(rows: $rows) { accepted errors { message } } }`,
    {
      rows,
    },
  );
  if (report.importCreditClasses.accepted !== rows.length)
    throw new Error(`demo data: ${report.importCreditClasses.errors.map((error: Json) => error.message).join('; ')}`);
}

export async function seedJointDemo(demo: Demo): Promise<boolean> {
  const log = demo.log ?? (() => undefined);
  const coordinator = await token(demo.authSecret, ['coordinator'], { name: '联席会议办公室 演示' });
  const existing = await call(demo.gatewayUrl, coordinator, `{ inspectionTasks(first: 1) { totalCount } }`);
  if (existing.inspectionTasks.totalCount > 0) return false;
  if (demo.clock) {
    // First, so the joint audit trail stays in time order.
    log(`演示任务：公章刻制业治安检查（治安）— ${OVERDUE_DEMO_DAYS_AGO} 天前抽取并全部录入，至今未公示，已逾期 …`);
    await overdueTask(demo, demo.clock, coordinator);
  }
  const today = shanghaiDate();
  const year = Number(today.slice(0, 4));
  const period = { year, periodStart: today, periodEnd: addDays(today, 30), inspectorsPerDivision: 1 };
  log('演示数据：几家旅馆的企业信用风险分类（A、B、C、D）…');
  await demoCreditClasses(demo, coordinator, today);
  // 公开随机数声明: each task names, before it is committed, the public value its draw will use.
  const lottery = { source: '中国福利彩票3D当日开奖号码（三位数字，以空格分隔）（演示）', date: today };
  const notary = { source: '公证处现场摇号结果（三组两位数，以连字符连接）（演示）', date: today };
  const nextWeek = { source: '中国福利彩票3D开奖号码（三位数字，以空格分隔）（演示）', date: addDays(today, 7) };

  log('演示任务：旅馆业联合抽查（治安、网安、出入境）— 创建、确定、抽取、录入、公示 …');
  const hotels = (
    await call(demo.gatewayUrl, coordinator, CREATE, {
      input: {
        ...period,
        name: `${year}年度旅馆业联合抽查`,
        kind: 'RANDOM',
        items: [
          { division: 'ZA', code: 'ZA-001' },
          { division: 'WA', code: 'WA-003' },
          { division: 'CRJ', code: 'CRJ-001' },
        ],
        ratioBp: 1000,
        highRiskRatioBp: 2000,
        beacon: lottery,
      },
    })
  ).createInspectionTask.id;
  await call(demo.gatewayUrl, coordinator, COMMIT, { id: hotels });
  await call(demo.gatewayUrl, coordinator, DRAW, { id: hotels, beacon: '5 8 2' });
  await recordResults(demo, coordinator, hotels, 1);
  await reviewResults(demo, coordinator, hotels);
  await call(demo.gatewayUrl, coordinator, `mutation($id: ID!) { publishInspectionTask(id: $id) { id } }`, { id: hotels });

  log('演示任务：剧毒化学品联合抽查（治安、交警）— 抽取后录入约一半结果，其余待录入 …');
  const poisons = (
    await call(demo.gatewayUrl, coordinator, CREATE, {
      input: {
        ...period,
        name: `${year}年度剧毒化学品购买及道路运输联合抽查`,
        kind: 'RANDOM',
        items: [
          { division: 'ZA', code: 'ZA-012' },
          { division: 'JJ', code: 'JJ-001' },
        ],
        ratioBp: 2000,
        highRiskRatioBp: 3000,
        beacon: notary,
      },
    })
  ).createInspectionTask.id;
  await call(demo.gatewayUrl, coordinator, COMMIT, { id: poisons });
  await call(demo.gatewayUrl, coordinator, DRAW, { id: poisons, beacon: '07-23-41' });
  await recordResults(demo, coordinator, poisons, 0.5);

  log('演示任务：易制毒化学品购销企业抽查（禁毒）— 已确定，待抽取 …');
  const precursors = (
    await call(demo.gatewayUrl, coordinator, CREATE, {
      input: {
        ...period,
        name: `${year}年度易制毒化学品购销企业抽查`,
        kind: 'RANDOM',
        items: [{ division: 'JD', code: 'JD-001' }],
        ratioBp: 1000,
        highRiskRatioBp: 2000,
        beacon: nextWeek,
      },
    })
  ).createInspectionTask.id;
  await call(demo.gatewayUrl, coordinator, COMMIT, { id: precursors });
  return true;
}
