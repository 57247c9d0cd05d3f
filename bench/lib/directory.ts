/**
 * The bench's data, created the way users create it — through the gateway, as
 * each division's administrator (items, `saveInspector`, `importTargets`) and
 * as the coordinator (tasks, draws) — never written into a database directly.
 *
 * Directories overlap like neighbouring divisions' do: directory i holds the
 * entities [i·h, i·h + n) with h = ⌈n/2⌉, so half of each directory is shared
 * with the next one. Three directories of 33,334 entries are 100,002 entries of
 * 66,668 distinct entities.
 */
import { addDays, shanghaiDate } from '../../common/dates';
import { withUsccCheckCharacter } from '../../common/uscc';
import { CHECKLIST_DIVISIONS, CHECKLIST_ITEMS } from '../../subgraphs/division/src/seed/checklist-data';
import { bearer, dataOf, post, USERS, userToken } from './client';
import type { Federation } from './federation';

export const HOTEL = '旅馆';

/** Rows per `importTargets` call: the gateway takes request bodies up to 1 MB, and these rows are ~300 bytes. */
export const IMPORT_BATCH = 2500;

/** 17 characters of a USCC body for entity `index` (a Henan enterprise code), completed with its check character. */
export function usccFor(index: number): string {
  return withUsccCheckCharacter(`91411000${String(index).padStart(9, '0')}`);
}

/** The entity indexes of directory `position` among overlapping directories of `perDivision` entries. */
export function directoryRange(position: number, perDivision: number): { from: number; to: number } {
  const from = position * Math.ceil(perDivision / 2);
  return { from, to: from + perDivision };
}

export function distinctEntities(divisions: number, perDivision: number): number {
  return directoryRange(divisions - 1, perDivision).to;
}

const DISTRICTS = ['魏都区', '建安区', '东城区', '禹州市', '长葛市', '鄢陵县', '襄城县'];

export function hotelRow(index: number) {
  return {
    uscc: usccFor(index),
    name: `许昌市${DISTRICTS[index % DISTRICTS.length]}悦来宾馆第${index}分店有限公司`,
    kind: 'ENTERPRISE',
    scope: '住宿服务；餐饮服务；会议及展览服务',
    address: `河南省许昌市${DISTRICTS[index % DISTRICTS.length]}文峰路${index}号`,
    categories: [HOTEL],
  };
}

/** The hotel item (category 旅馆) of a division's published list: ZA-001, WA-003, CRJ-001. */
export function hotelItem(division: string) {
  const item = CHECKLIST_ITEMS.find((candidate) => candidate.division === division && candidate.targetCategory === HOTEL);
  if (!item) throw new Error(`division ${division} has no hotel item in the demo checklist`);
  const name = CHECKLIST_DIVISIONS.find((candidate) => candidate.code === division)?.name ?? division;
  const { division: _division, requiredExpertise: _expertise, ...fields } = item;
  return { ...fields, subject: `许昌市公安局${name}`, active: true };
}

export function inspectorId(division: string, n: number): string {
  return `${division}-${String(n).padStart(4, '0')}`;
}

export const TODAY = shanghaiDate();
export const YEAR = Number(TODAY.slice(0, 4));

export interface LoadedDirectories {
  divisions: string[];
  perDivision: number;
  inspectorsPerDivision: number;
  entries: number;
  distinct: number;
  import: { rows: number; seconds: number; rowsPerSecond: number; calls: number; slowestCallSeconds: number };
  inspectors: { saved: number; seconds: number; perSecond: number };
}

const SAVE_ITEM = `mutation($d: ID!, $input: CheckItemInput!) { saveCheckItem(division: $d, input: $input) { code targetCategory } }`;
const SAVE_INSPECTOR = `mutation($d: ID!, $input: InspectorInput!) { saveInspector(division: $d, input: $input) { id } }`;
const IMPORT = `mutation($d: ID!, $rows: [TargetInput!]!) { importTargets(division: $d, rows: $rows) { accepted rejected errors { row code message } } }`;

async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/**
 * Items, inspectors and directories for every division, through the gateway.
 * Imports run one stream per division (each division loads its own
 * directory), batches in order within a division.
 */
export async function loadDirectories(
  federation: Federation,
  options: { perDivision: number; inspectorsPerDivision: number; log?: (line: string) => void },
): Promise<LoadedDirectories> {
  const divisions = federation.divisions.map((division) => division.code);
  const admins = new Map<string, Record<string, string>>();
  for (const code of divisions) admins.set(code, bearer(await userToken(USERS.divisionAdmin(code), federation.authSecret)));
  const send = (code: string, query: string, variables: Record<string, unknown>) => post(federation.gatewayUrl, query, variables, admins.get(code)!);

  for (const code of divisions) dataOf(await send(code, SAVE_ITEM, { d: code, input: hotelItem(code) }), `saveCheckItem ${code}`);

  const validUntil = `${YEAR + 3}-12-31`;
  const inspectorJobs = divisions.flatMap((code) => Array.from({ length: options.inspectorsPerDivision }, (_, i) => ({ code, n: i + 1 })));
  const inspectorsStarted = performance.now();
  await inParallel(inspectorJobs, 6, async ({ code, n }) => {
    const id = inspectorId(code, n);
    dataOf(
      await send(code, SAVE_INSPECTOR, {
        d: code,
        input: {
          id,
          name: `检查员${n}号`,
          unit: `许昌市公安局${code}`,
          position: '民警',
          expertise: ['旅馆业'],
          certificateNo: `豫公执${code}${String(n).padStart(6, '0')}`,
          certificateValidUntil: validUntil,
        },
      }),
      `saveInspector ${id}`,
    );
  });
  const inspectorSeconds = (performance.now() - inspectorsStarted) / 1000;
  options.log?.(`  ${inspectorJobs.length} inspectors saved in ${inspectorSeconds.toFixed(1)} s`);

  let calls = 0;
  let slowest = 0;
  const importStarted = performance.now();
  await Promise.all(
    divisions.map(async (code, position) => {
      const { from, to } = directoryRange(position, options.perDivision);
      for (let start = from; start < to; start += IMPORT_BATCH) {
        const rows = [];
        for (let index = start; index < Math.min(start + IMPORT_BATCH, to); index++) rows.push(hotelRow(index));
        const callStarted = performance.now();
        const report = dataOf(await send(code, IMPORT, { d: code, rows }), `importTargets ${code} from ${start}`).importTargets;
        slowest = Math.max(slowest, (performance.now() - callStarted) / 1000);
        calls += 1;
        if (report.rejected > 0) throw new Error(`importTargets ${code} rejected rows: ${JSON.stringify(report.errors.slice(0, 3))}`);
      }
    }),
  );
  const importSeconds = (performance.now() - importStarted) / 1000;
  const entries = divisions.length * options.perDivision;
  options.log?.(`  ${entries} directory entries imported in ${importSeconds.toFixed(1)} s`);
  return {
    divisions,
    perDivision: options.perDivision,
    inspectorsPerDivision: options.inspectorsPerDivision,
    entries,
    distinct: distinctEntities(divisions.length, options.perDivision),
    import: { rows: entries, seconds: importSeconds, rowsPerSecond: entries / importSeconds, calls, slowestCallSeconds: slowest },
    inspectors: { saved: inspectorJobs.length, seconds: inspectorSeconds, perSecond: inspectorJobs.length / inspectorSeconds },
  };
}

const CREATE_TASK = `mutation($input: InspectionTaskInput!) { createInspectionTask(input: $input) { id } }`;
const COMMIT_TASK = `mutation($id: ID!) { commitInspectionTask(id: $id) { id status } }`;
export const DRAW_TASK = `mutation($id: ID!, $beacon: String!) { drawInspectionTask(id: $id, beacon: $beacon) { id status draw { poolSize selectedCount excludedCount } } }`;
const CANCEL_TASK = `mutation($id: ID!, $reason: String!) { cancelInspectionTask(id: $id, reason: $reason) { id status } }`;
const APPROVE_CANCELLATION = `mutation($id: ID!, $note: String!) { approveCancellation(id: $id, note: $note) { id status } }`;
const SET_RISK_FLAG = `mutation($uscc: String!) { setRiskFlag(uscc: $uscc, flag: ABNORMAL_OPERATION, active: true, source: "市场监管局经营异常名录（基准测试）") { uscc } }`;

export interface TaskOptions {
  name: string;
  kind?: 'RANDOM' | 'DIRECTED';
  targets?: string[];
  ratioBp?: number;
  highRiskRatioBp?: number;
  /** The divisions whose hotel item the task inspects; every division by default. */
  divisions?: string[];
}

/** The coordinator's side of the system. */
export class Coordinator {
  private constructor(
    private readonly federation: Federation,
    readonly headers: Record<string, string>,
  ) {}

  static async signIn(federation: Federation): Promise<Coordinator> {
    return new Coordinator(federation, bearer(await userToken(USERS.coordinator, federation.authSecret)));
  }

  private async run<T = any>(query: string, variables: Record<string, unknown>, what: string): Promise<T> {
    return dataOf(await post<T>(this.federation.gatewayUrl, query, variables, this.headers), what);
  }

  /** A committed hotel task over every division's hotel item; returns its id. */
  async committedTask(options: TaskOptions): Promise<string> {
    const divisions = options.divisions ?? this.federation.divisions.map((division) => division.code);
    const input = {
      name: options.name,
      year: YEAR,
      kind: options.kind ?? 'RANDOM',
      items: divisions.map((division) => ({ division, code: hotelItem(division).code })),
      // A DIRECTED task inspects every named entity.
      ratioBp: options.kind === 'DIRECTED' ? 10000 : (options.ratioBp ?? 500),
      highRiskRatioBp: options.kind === 'DIRECTED' ? 10000 : (options.highRiskRatioBp ?? 2000),
      inspectorsPerDivision: 1,
      periodStart: TODAY,
      periodEnd: addDays(TODAY, 30),
      // 公开随机数声明, fixed at commit: the bench draws the same day.
      beacon: { source: '福彩3D 当日开奖号码（三位数字，以空格分隔）（基准测试）', date: TODAY },
      // A DIRECTED task names each entity with its basis; the bench's are data-analysis leads.
      ...(options.targets ? { directedTargets: options.targets.map((uscc) => ({ uscc, basis: 'DATA_LEAD', note: '基准测试：大数据分析线索' })) } : {}),
    };
    const { createInspectionTask } = await this.run(CREATE_TASK, { input }, 'createInspectionTask');
    await this.run(COMMIT_TASK, { id: createInspectionTask.id }, 'commitInspectionTask');
    return createInspectionTask.id as string;
  }

  /** Draws through the gateway; the wall time is what the coordinator waits. */
  async draw(id: string): Promise<{ seconds: number; poolSize: number; selectedCount: number }> {
    const started = performance.now();
    const { drawInspectionTask } = await this.run(DRAW_TASK, { id, beacon: `bench-${new Date().toISOString()} 4 7 1` }, `drawInspectionTask ${id}`);
    const seconds = (performance.now() - started) / 1000;
    return { seconds, poolSize: drawInspectionTask.draw.poolSize, selectedCount: drawInspectionTask.draw.selectedCount };
  }

  /** Cancels a task; after its draw the request needs a supervisor, who approves it at once. */
  async cancel(id: string): Promise<void> {
    const { cancelInspectionTask } = await this.run(
      CANCEL_TASK,
      { id, reason: '基准测试：重复抽取前撤销 (bench: cancelled before the next timed draw)' },
      `cancelInspectionTask ${id}`,
    );
    if (cancelInspectionTask.status !== 'CANCELLATION_REQUESTED') return;
    const supervisor = bearer(await userToken(USERS.supervisor, this.federation.authSecret));
    const note = '基准测试：同意撤销 (bench: approved)';
    dataOf(await post(this.federation.gatewayUrl, APPROVE_CANCELLATION, { id, note }, supervisor), `approveCancellation ${id}`);
  }

  /** Puts `count` entities, spread over the directories, on a risk list, so the HIGH stratum is not empty. */
  async flagRisks(entities: number, count: number): Promise<void> {
    const step = Math.max(1, Math.floor(entities / count));
    for (let i = 0; i < count; i++) await this.run(SET_RISK_FLAG, { uscc: usccFor(i * step) }, 'setRiskFlag');
  }

  async query<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return this.run<T>(query, variables, 'coordinator query');
  }
}

const ASSIGNMENT_KEYS = `query($id: ID!) { inspectionTask(id: $id) { assignments(first: 500) { edges { node { id items { division code } inspectors { division id } } } } } }`;
const RECORD_RESULT = `mutation($a: ID!, $item: ItemRefInput!, $input: ResultInput!) { recordResult(assignment: $a, item: $item, input: $input) { outcome } }`;
const REVIEW = `mutation($a: ID!, $item: ItemRefInput!) { reviewResult(assignment: $a, item: $item, approve: true) { review { status } } }`;
const PUBLISH = `mutation($id: ID!) { publishInspectionTask(id: $id) { id resultCount } }`;

/**
 * A DIRECTED task over `entities` named entities, drawn, every item's result
 * recorded by a team member of the item's division, and published — so the
 * public results page has something to show.
 */
export async function publishedTask(federation: Federation, coordinator: Coordinator, entities: readonly string[]): Promise<{ id: string; results: number }> {
  const id = await coordinator.committedTask({ name: `${YEAR}年度旅馆业定向检查（基准测试公示）`, kind: 'DIRECTED', targets: [...entities] });
  await coordinator.draw(id);
  return { id, results: await recordAndPublish(federation, coordinator, id) };
}

/**
 * Records every item's result of a drawn task, each by a team member of the item's
 * division, has a reviewer of that division approve it, and publishes the task;
 * returns the result count.
 */
export async function recordAndPublish(federation: Federation, coordinator: Coordinator, id: string): Promise<number> {
  const list = await coordinator.query(ASSIGNMENT_KEYS, { id });
  const tokens = new Map<string, string>();
  const OUTCOMES = ['NO_ISSUES_FOUND', 'NO_ISSUES_FOUND', 'NO_ISSUES_FOUND', 'ISSUES_RECTIFIED_ON_ORDER'];
  let recorded = 0;
  for (const { node } of list.inspectionTask.assignments.edges) {
    for (const item of node.items as Array<{ division: string; code: string }>) {
      const member = (node.inspectors as Array<{ division: string; id: string }>).find((candidate) => candidate.division === item.division)!;
      const key = `${member.division}/${member.id}`;
      if (!tokens.has(key)) tokens.set(key, await userToken(USERS.inspector(member.division, member.id), federation.authSecret));
      const outcome = OUTCOMES[recorded % OUTCOMES.length]!;
      dataOf(
        await post(
          federation.gatewayUrl,
          RECORD_RESULT,
          {
            a: node.id,
            item,
            input: {
              outcome,
              method: '实地检查',
              inspectedOn: TODAY,
              ...(outcome === 'NO_ISSUES_FOUND' ? {} : { findings: '旅客住宿登记信息上传不及时，已责令当场改正' }),
            },
          },
          bearer(tokens.get(key)!),
        ),
        `recordResult ${node.id}`,
      );
      recorded += 1;
    }
  }
  for (const { node } of list.inspectionTask.assignments.edges) {
    for (const item of node.items as Array<{ division: string; code: string }>) {
      const key = `reviewer/${item.division}`;
      if (!tokens.has(key)) tokens.set(key, await userToken(USERS.reviewer(item.division), federation.authSecret));
      dataOf(await post(federation.gatewayUrl, REVIEW, { a: node.id, item }, bearer(tokens.get(key)!)), `reviewResult ${node.id}`);
    }
  }
  const { publishInspectionTask } = await coordinator.query(PUBLISH, { id });
  return publishInspectionTask.resultCount as number;
}
