/**
 * Scenario 6 — many division instances: what the public and the coordinator
 * get from one gateway in front of 5 and of 20 division instances, each its
 * own process with demo-sized data.
 *
 * The five divisions of the demonstration (ZA, WA, JD, JJ, CRJ) load their
 * demo data (SEED=demo); the others (D06 … D20) get the same size through the
 * gateway, as their administrators would enter it: one hotel item, 20
 * inspectors, 330 directory entries. Then, at each size:
 *
 * - the public item-list query the portal's home and /items pages send
 *   (`divisions { code name checklist { … } }`, every instance), no login,
 *   10 connections — served from the gateway's response cache;
 * - the coordinator's list of 50 assignments of a task over the hotel items of
 *   ZA, WA and CRJ (targets, items and inspectors from three instances),
 *   20 connections;
 * - `GET /ready` from the operations network, 10 connections.
 */
import { join } from 'node:path';
import { KNOWN_DIVISIONS } from '../../common/divisions';
import { bearer, dataOf, post, USERS, userToken } from '../lib/client';
import { Coordinator, hotelItem, hotelRow, inspectorId, YEAR } from '../lib/directory';
import { startProcessFederation, type Federation } from '../lib/federation';
import { measureLoad, type LoadResult, type LoadRequest } from '../lib/load';
import { loadNow } from '../lib/machine';
import { coordinatorList } from '../lib/operations';

export const INSTANCE_COUNTS = [5, 20] as const;
export const ITEM_LIST_TARGET_RPS = 500;
export const COORDINATOR_LIST_TARGET_RPS = 80;

/** The query of the portal's home and /items pages (gateway/src/portal/pages/items.ts). */
const PUBLIC_ITEM_LIST = `{ divisions { code name checklist { code name basis subject targetCategory ratioBp timesPerYear method content requiredExpertise } } }`;
const DEMO_DIVISIONS = Object.keys(KNOWN_DIVISIONS);
export const TASK_DIVISIONS = ['ZA', 'WA', 'CRJ'];
/** The demo's smallest divisions have about 330 directory entries and 20 inspectors. */
const EXTRA_TARGETS = 330;
const EXTRA_INSPECTORS = 20;

export interface InstancesRun {
  instances: number;
  itemList: LoadResult;
  coordinatorList: LoadResult;
  /** CPU milliseconds per coordinator list, per service process (gateway, joint, division:ZA …) and `all`. */
  coordinatorListCpuMs: Record<string, number>;
  ready: LoadResult;
  loadAverage: { itemList: number[]; coordinatorList: number[]; ready: number[] };
  peakRss: Record<string, number | undefined>;
}

export interface InstancesResult {
  seconds: number;
  warmSeconds: number;
  runs: InstancesRun[];
}

export function extraDivisionCodes(count: number): string[] {
  return Array.from({ length: Math.max(0, count - DEMO_DIVISIONS.length) }, (_, i) => `D${String(i + DEMO_DIVISIONS.length + 1).padStart(2, '0')}`);
}

/** One hotel item, 20 inspectors and 330 directory entries in a division without demo data, through the gateway. */
async function loadDemoSized(federation: Federation, code: string, position: number): Promise<void> {
  const admin = bearer(await userToken(USERS.divisionAdmin(code), federation.authSecret));
  const send = (query: string, variables: Record<string, unknown>, what: string) =>
    post(federation.gatewayUrl, query, variables, admin).then((r) => dataOf(r, what));
  const item = { ...hotelItem('ZA'), code: `${code}-001`, subject: `许昌市公安局${code}` };
  await send(`mutation($d: ID!, $i: CheckItemInput!) { saveCheckItem(division: $d, input: $i) { code } }`, { d: code, i: item }, `saveCheckItem ${code}`);
  for (let n = 1; n <= EXTRA_INSPECTORS; n++) {
    const input = {
      id: inspectorId(code, n),
      name: `检查员${n}号`,
      unit: `许昌市公安局${code}`,
      position: '民警',
      expertise: ['旅馆业'],
      certificateNo: `豫公执${code}${String(n).padStart(6, '0')}`,
      certificateValidUntil: `${YEAR + 3}-12-31`,
    };
    await send(`mutation($d: ID!, $i: InspectorInput!) { saveInspector(division: $d, input: $i) { id } }`, { d: code, i: input }, `saveInspector ${code}`);
  }
  const rows = Array.from({ length: EXTRA_TARGETS }, (_, i) => hotelRow(1_000_000 + position * EXTRA_TARGETS + i));
  const report = await send(
    `mutation($d: ID!, $rows: [TargetInput!]!) { importTargets(division: $d, rows: $rows) { accepted rejected } }`,
    { d: code, rows },
    `importTargets ${code}`,
  );
  if (report.importTargets.rejected > 0) throw new Error(`importTargets ${code} rejected ${report.importTargets.rejected} rows`);
}

export interface InstancesOptions {
  workDir: string;
  seconds: number;
  warmSeconds: number;
  /** Node flags per service name and instance count (e.g. `--cpu-prof` into a folder per count). */
  nodeFlags?: (instances: number) => Record<string, string[]>;
  log: (line: string) => void;
}

export async function manyInstances(options: InstancesOptions): Promise<InstancesResult> {
  const { log } = options;
  const runs: InstancesRun[] = [];
  for (const instances of INSTANCE_COUNTS) {
    const extra = extraDivisionCodes(instances);
    const federation = await startProcessFederation({
      divisions: [...DEMO_DIVISIONS, ...extra],
      dataDir: join(options.workDir, `instances-${instances}`),
      demoSeed: true,
      nodeFlags: options.nodeFlags?.(instances),
      // /ready's detail and no rate limit for the bench's address, as for a load balancer in the operations network.
      gatewayEnv: { OPS_NETWORKS: '127.0.0.0/8' },
    });
    try {
      log(`${instances} division instances up: gateway ${federation.gatewayUrl}`);
      for (const [position, code] of extra.entries()) await loadDemoSized(federation, code, position);
      const coordinator = await Coordinator.signIn(federation);
      const task = await coordinator.committedTask({
        name: `${YEAR}年度旅馆业联合抽查（基准测试，${instances} 个实例）`,
        ratioBp: 3000,
        highRiskRatioBp: 3000,
        divisions: TASK_DIVISIONS,
      });
      const drawn = await coordinator.draw(task);
      log(`  task ${task}: ${drawn.selectedCount} assignments over ${TASK_DIVISIONS.join(', ')}`);
      const list = coordinatorList(task, 50);
      const coordinatorHeaders = bearer(await userToken(USERS.coordinator, federation.authSecret));
      list.check(dataOf(await post(federation.gatewayUrl, list.query, list.variables, coordinatorHeaders), 'coordinator list'));
      const items = dataOf(await post(federation.gatewayUrl, PUBLIC_ITEM_LIST, {}, {}), 'item list') as { divisions: unknown[] };
      if (items.divisions.length !== instances) throw new Error(`the item list shows ${items.divisions.length} divisions, not ${instances}`);

      const gatewayCpu = () => federation.cpuSeconds?.('gateway');
      const measure = async (request: LoadRequest, connections: number) => {
        const loadAverage = loadNow();
        const load = await measureLoad(request, connections, options.seconds, options.warmSeconds, gatewayCpu);
        return { load, loadAverage };
      };
      const itemList = await measure({ url: federation.gatewayUrl, headers: {}, body: JSON.stringify({ query: PUBLIC_ITEM_LIST }) }, 10);
      log(`  item list: ${Math.round(itemList.load.requestsPerSecond)} req/s, p50 ${itemList.load.p50Ms} ms (load ${itemList.loadAverage.join(' ')})`);
      // CPU per list in every process, which a loaded machine changes far less than requests per second.
      const cpuBefore = cpuByService(federation);
      const coordinatorRun = await measure(
        { url: federation.gatewayUrl, headers: coordinatorHeaders, body: JSON.stringify({ query: list.query, variables: list.variables }) },
        20,
      );
      const coordinatorListCpuMs = cpuPerRequest(cpuBefore, cpuByService(federation), coordinatorRun.load.requests);
      log(
        `  coordinator list: ${Math.round(coordinatorRun.load.requestsPerSecond)} req/s, p50 ${coordinatorRun.load.p50Ms} ms (load ${coordinatorRun.loadAverage.join(' ')})`,
      );
      log(`  coordinator list, CPU per list: ${describeCpu(coordinatorListCpuMs)}`);
      const ready = await measure({ url: federation.gatewayUrl.replace(/\/graphql$/, '/ready'), headers: {} }, 10);
      log(`  /ready: ${Math.round(ready.load.requestsPerSecond)} req/s, p50 ${ready.load.p50Ms} ms (load ${ready.loadAverage.join(' ')})`);
      runs.push({
        instances,
        itemList: itemList.load,
        coordinatorList: coordinatorRun.load,
        coordinatorListCpuMs,
        ready: ready.load,
        loadAverage: { itemList: itemList.loadAverage, coordinatorList: coordinatorRun.loadAverage, ready: ready.loadAverage },
        peakRss: federation.peakRss(),
      });
    } finally {
      await federation.stop();
    }
  }
  return { seconds: options.seconds, warmSeconds: options.warmSeconds, runs };
}

function cpuByService(federation: Federation & { processes: Array<{ name: string }> }): Map<string, number> {
  const seconds = new Map<string, number>();
  for (const { name } of federation.processes) {
    const used = federation.cpuSeconds?.(name);
    if (used !== undefined) seconds.set(name, used);
  }
  return seconds;
}

function cpuPerRequest(before: Map<string, number>, after: Map<string, number>, requests: number): Record<string, number> {
  const perRequest: Record<string, number> = {};
  let all = 0;
  for (const [name, used] of after) {
    const ms = requests > 0 ? ((used - (before.get(name) ?? used)) * 1000) / requests : 0;
    perRequest[name] = Math.round(ms * 10) / 10;
    all += ms;
  }
  perRequest.all = Math.round(all * 10) / 10;
  return perRequest;
}

/** The gateway, the joint and the task's divisions by name; the other instances (idle here) summed. */
function describeCpu(cpu: Record<string, number>): string {
  const named = ['gateway', 'joint', ...TASK_DIVISIONS.map((code) => `division:${code}`)];
  const others = Object.entries(cpu)
    .filter(([name]) => name !== 'all' && !named.includes(name))
    .reduce((sum, [, ms]) => sum + ms, 0);
  return [...named.map((name) => `${name} ${cpu[name] ?? '?'} ms`), `others ${Math.round(others * 10) / 10} ms`, `all ${cpu.all} ms`].join(', ');
}
