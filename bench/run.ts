/**
 * npm run bench [-- --smoke] [--only=draw,gateway,sql,demo,amplification,instances] [--profile=joint,gateway] [--record]
 *
 * Measures the four things of bench/README.md and prints every figure with
 * its target and whether it is met; writes the same figures as JSON under
 * bench/results/ (`--record` also writes bench/RESULTS.json, the committed
 * copy of a full run).
 *
 * - full (default): the services as separate processes from dist/ on SQLite
 *   files in a temp folder; 3 × 33,334 hotel entries, 200 inspectors per
 *   division; gateways compared with autocannon at 20 and 50 connections.
 * - `--smoke`: the services in this process, 3 × 3,334 entries (a pool of
 *   10,002 entries), no load runs; fails (exit 1) when the draw takes more
 *   than 5 s or the 200-assignment list costs more statements than 50.
 */
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Coordinator, loadDirectories, publishedTask, YEAR } from './lib/directory';
import { startInProcessFederation, startProcessFederation, type Federation } from './lib/federation';
import { machineInfo, type MachineInfo } from './lib/machine';
import { adminTargets, coordinatorList, publicResults } from './lib/operations';
import { ROOT } from './lib/processes';
import { Figures, fixed, mib } from './lib/report';
import type { LoadResult } from './lib/load';
import { amplification, JOINT_CPU_BOUND_MS, withinBound, type AmplificationResult } from './scenarios/amplification';
import { drawAtScale, median, publishedEntities, type DrawAtScaleResult } from './scenarios/draw-at-scale';
import { gatewayOverhead, VARIANT_TITLES, type GatewayOverheadResult, type Variant } from './scenarios/gateway-overhead';
import { demoDataBuild, type DemoDataResult } from './scenarios/demo-data';
import { sqlPerRequest, type SqlPerRequestResult } from './scenarios/sql-per-request';
import { COORDINATOR_LIST_TARGET_RPS, ITEM_LIST_TARGET_RPS, manyInstances, TASK_DIVISIONS, type InstancesResult } from './scenarios/instances';

export type Part = 'draw' | 'gateway' | 'sql' | 'demo' | 'amplification' | 'instances';
const PARTS: readonly Part[] = ['draw', 'gateway', 'sql', 'demo', 'amplification', 'instances'];

export interface BenchOptions {
  smoke: boolean;
  parts: Part[];
  /** Service names (`joint`, `gateway`, `division:ZA` …) to run under `node --cpu-prof` (full mode). */
  profile: string[];
  record: boolean;
  connections: number[];
  /** Repetitions of every gateway run (median reported). */
  rounds: number;
  seconds: number;
  warmSeconds: number;
  /** Where the JSON goes; bench/results/<date>-<mode>.json by default. */
  out?: string;
  log: (line: string) => void;
}

export interface BenchResult {
  mode: 'full' | 'smoke';
  machine: MachineInfo;
  finishedLoad: [number, number, number];
  seconds: number;
  settings: Record<string, unknown>;
  draw?: DrawAtScaleResult;
  gateway?: GatewayOverheadResult;
  sql?: SqlPerRequestResult;
  demo?: DemoDataResult;
  amplification?: AmplificationResult;
  instances?: InstancesResult;
  figures: Figures['rows'];
  missed: string[];
  profiles?: string;
}

const DIVISIONS = ['ZA', 'WA', 'CRJ'];
const GiB = 1024 ** 3;

export const SIZES = {
  full: { perDivision: 33_334, inspectorsPerDivision: 200, draws: 3, riskFlags: 100, drawBoundSeconds: 2 },
  smoke: { perDivision: 3_334, inspectorsPerDivision: 30, draws: 2, riskFlags: 20, drawBoundSeconds: 5 },
  sql: { perDivision: 1_000, inspectorsPerDivision: 20 },
} as const;

const IMPORT_TARGET_ROWS_PER_SECOND = 5000;
const ROUTING_COST_BOUND = 0.05;
/** The five divisions' demonstration data from a cold start (a fresh process), as a first `npm start` builds it. */
const DEMO_DATA_BOUND_MS = 200;

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const started = performance.now();
  const machine = machineInfo();
  const { log } = options;
  const mode = options.smoke ? 'smoke' : 'full';
  const sizes = options.smoke ? SIZES.smoke : SIZES.full;
  log(`bench (${mode}) on ${machine.cores} cores, ${machine.memoryGiB} GiB, load ${machine.load.join(' ')} — ${machine.date}`);
  const workDir = mkdtempSync(join(tmpdir(), 'ssj-bench-'));
  const stamp = machine.date.replace(/[:.]/g, '-');
  // Profiles are large and not for the repository: they go to the temp folder.
  const profileDir = options.profile.length ? join(tmpdir(), `ssj-bench-profiles-${stamp}`) : undefined;
  const result: BenchResult = {
    mode,
    machine,
    finishedLoad: machine.load,
    seconds: 0,
    settings: {
      sizes,
      connections: options.connections,
      rounds: options.rounds,
      seconds: options.seconds,
      warmSeconds: options.warmSeconds,
      database: 'SQLite files in a temp folder (default engine)',
    },
    figures: [],
    missed: [],
  };
  const figures = new Figures();
  let federation: Federation | undefined;
  try {
    const drawParts = options.parts.includes('draw') || options.parts.includes('gateway') || (options.smoke && options.parts.includes('sql'));
    if (!drawParts && options.parts.includes('amplification')) {
      // The amplification part alone: the directories, then its own published task.
      federation = options.smoke
        ? await startInProcessFederation({ divisions: DIVISIONS, dataDir: workDir })
        : await startProcessFederation({ divisions: DIVISIONS, dataDir: workDir });
      await loadDirectories(federation, { perDivision: sizes.perDivision, inspectorsPerDivision: sizes.inspectorsPerDivision, log });
      result.amplification = await amplification(federation, log);
      reportAmplification(figures, result.amplification);
      await federation.stop();
      federation = undefined;
    }
    if (drawParts) {
      if (profileDir) mkdirSync(profileDir, { recursive: true });
      federation = options.smoke
        ? await startInProcessFederation({ divisions: DIVISIONS, dataDir: workDir })
        : await startProcessFederation({
            divisions: DIVISIONS,
            dataDir: workDir,
            nodeFlags: Object.fromEntries(
              options.profile.map((name) => [name, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name.replace(':', '-')}.cpuprofile`]]),
            ),
          });
      log(`services up (${federation.mode}): gateway ${federation.gatewayUrl}`);
      const draw = await drawAtScale(federation, {
        perDivision: sizes.perDivision,
        inspectorsPerDivision: sizes.inspectorsPerDivision,
        draws: sizes.draws,
        riskFlags: sizes.riskFlags,
        ratioBp: 500,
        highRiskRatioBp: 2000,
        log,
      });
      result.draw = draw;
      reportDraw(figures, draw, sizes.drawBoundSeconds, federation.mode === 'processes');
      if (options.parts.includes('amplification')) {
        // Before the other tasks of the year take entities out of the ZA pool.
        result.amplification = await amplification(federation, log);
        reportAmplification(figures, result.amplification);
      }

      const coordinator = await Coordinator.signIn(federation);
      const published = await publishedTask(federation, coordinator, publishedEntities(draw.directories.distinct, options.smoke ? 10 : 40));
      log(`published task ${published.id}: ${published.results} results`);
      const zaTask = await coordinator.committedTask({
        name: `${YEAR}年度旅馆业治安检查（基准测试，仅治安）`,
        ratioBp: 500,
        highRiskRatioBp: 2000,
        divisions: ['ZA'],
      });
      const zaDraw = await coordinator.draw(zaTask);
      log(`ZA-only task ${zaTask}: ${zaDraw.selectedCount} assignments`);

      const operations = [
        { operation: publicResults(), sameDataEverywhere: true },
        { operation: coordinatorList(draw.taskId, 50), sameDataEverywhere: false },
        { operation: { ...coordinatorList(zaTask, 50), title: "coordinator's list of 50 assignments, one division (ZA)" }, sameDataEverywhere: true },
        { operation: adminTargets('ZA'), sameDataEverywhere: true },
      ];
      if (options.parts.includes('gateway')) {
        const gateway = await gatewayOverhead(federation, {
          operations,
          connections: options.connections,
          rounds: options.rounds,
          seconds: options.smoke ? 0 : options.seconds,
          warmSeconds: options.warmSeconds,
          variants: options.smoke ? ['ours', 'direct'] : ['ours', 'apollo', 'hive', 'direct'],
          division: 'ZA',
          workDir,
          log,
        });
        result.gateway = gateway;
        reportGateway(figures, gateway);
        if (federation.mode === 'processes') reportRss(figures, 'gateway', gateway.peakRss);
      }
      if (options.smoke && options.parts.includes('sql')) {
        const sql = await sqlPerRequest(
          federation,
          draw.taskId,
          operations.filter((entry) => entry.sameDataEverywhere).map((entry) => entry.operation),
          log,
        );
        result.sql = sql;
        reportSql(figures, sql);
      }
      await federation.stop();
      federation = undefined;
    }
    if (!options.smoke && options.parts.includes('sql')) {
      // Statement counts do not depend on the directory size: a small system, in this process, whose ORMs can be listened to.
      const sqlDir = join(workDir, 'sql');
      mkdirSync(sqlDir);
      federation = await startInProcessFederation({ divisions: DIVISIONS, dataDir: sqlDir });
      const draw = await drawAtScale(federation, { ...SIZES.sql, draws: 1, riskFlags: 10, ratioBp: 1500, highRiskRatioBp: 2000, log });
      const coordinator = await Coordinator.signIn(federation);
      await publishedTask(federation, coordinator, publishedEntities(draw.directories.distinct, 10));
      const sql = await sqlPerRequest(federation, draw.taskId, [publicResults(), adminTargets('ZA')], log);
      result.sql = sql;
      reportSql(figures, sql);
      await federation.stop();
      federation = undefined;
    }
    if (!options.smoke && options.parts.includes('instances')) {
      // Separate processes only: 5, then 20 division instances, each size its own system.
      const instances = await manyInstances({
        workDir,
        seconds: options.seconds,
        warmSeconds: options.warmSeconds,
        nodeFlags: (count) => {
          if (!profileDir) return {};
          const dir = join(profileDir, `instances-${count}`);
          mkdirSync(dir, { recursive: true });
          return Object.fromEntries(
            options.profile.map((name) => [name, ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name.replace(':', '-')}.cpuprofile`]]),
          );
        },
        log,
      });
      result.instances = instances;
      reportInstances(figures, instances);
    }
    if (options.parts.includes('demo')) {
      const demo = demoDataBuild(options.smoke ? 3 : 5);
      result.demo = demo;
      figures.add(
        'demo data',
        `five divisions from a cold start, median of ${demo.rounds.length}`,
        `${Math.round(demo.medianMs)} ms`,
        `≤ ${DEMO_DATA_BOUND_MS} ms`,
        demo.medianMs <= DEMO_DATA_BOUND_MS,
      );
    }
  } finally {
    await federation?.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
  result.figures = figures.rows;
  result.missed = figures.missed().map((row) => `${row.section}: ${row.name}`);
  result.finishedLoad = machineInfo().load;
  result.seconds = (performance.now() - started) / 1000;
  if (profileDir) result.profiles = profileDir;

  log('');
  log(figures.table());
  log('');
  log(`load average at start ${machine.load.join(' ')}, at the end ${result.finishedLoad.join(' ')}; ${result.seconds.toFixed(0)} s in all`);
  const out = options.out ?? join(ROOT, 'bench', 'results', `${stamp}-${mode}.json`);
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`figures written to ${out}`);
  if (options.record) {
    writeFileSync(join(ROOT, 'bench', 'RESULTS.json'), `${JSON.stringify(result, null, 2)}\n`);
    log('and to bench/RESULTS.json');
  }
  if (profileDir) log(`CPU profiles in ${profileDir}`);
  return result;
}

function reportDraw(figures: Figures, draw: DrawAtScaleResult, boundSeconds: number, perProcess: boolean): void {
  const section = 'draw at scale';
  const d = draw.directories;
  figures.add(section, 'directory entries / distinct entities', `${d.entries} / ${d.distinct}`);
  figures.add(
    section,
    'import through the gateway',
    `${Math.round(d.import.rowsPerSecond)} rows/s`,
    `≥ ${IMPORT_TARGET_ROWS_PER_SECOND} rows/s`,
    d.import.rowsPerSecond >= IMPORT_TARGET_ROWS_PER_SECOND,
  );
  figures.add(section, 'saveInspector through the gateway', `${d.inspectors.saved} in ${fixed(d.inspectors.seconds, 1)} s`);
  figures.add(
    section,
    `drawInspectionTask median of ${draw.drawSeconds.length}`,
    `${fixed(draw.medianDrawSeconds)} s`,
    `≤ ${boundSeconds} s`,
    draw.medianDrawSeconds <= boundSeconds,
  );
  figures.add(section, 'draw runs', draw.drawSeconds.map((s) => `${fixed(s)} s`).join(', '));
  // The joint's own phases of each draw (pool read, build of the changes since the commit, SSJ-DRAW-2, store), median over the runs.
  const phased = draw.jointPhases.filter((phases): phases is Record<string, number> => !!phases);
  if (phased.length) {
    const names = [...new Set(phased.flatMap((phases) => Object.keys(phases)))].filter((name) => name.endsWith('Ms') && name !== 'totalMs');
    const medians = names.map(
      (name) => `${name.replace(/Ms$/, '')} ${Math.round(median(phased.map((phases) => Number(phases[name])).filter(Number.isFinite)))} ms`,
    );
    figures.add(section, 'draw phases in the joint (median)', medians.join(', '));
  }
  if (draw.loadDuringDraws.length) {
    figures.add(section, 'load average at each draw', draw.loadDuringDraws.map((load) => load.map((value) => value.toFixed(2)).join(' ')).join('; '));
  }
  figures.add(section, 'pool / selected', `${draw.poolSize} / ${draw.selected} (ratio ${draw.ratioBp} bp)`);
  if (perProcess) reportRss(figures, section, draw.peakRss);
  else figures.add(section, 'peak RSS (all services in one process)', mib(Object.values(draw.peakRss)[0]));
}

function reportInstances(figures: Figures, instances: InstancesResult): void {
  const section = 'many instances';
  const line = (load: LoadResult, loadAverage: number[]) =>
    `${Math.round(load.requestsPerSecond)} req/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms (load ${loadAverage.map((value) => value.toFixed(2)).join(' ')})`;
  for (const run of instances.runs) {
    const at20 = run.instances === 20;
    figures.add(
      section,
      `${run.instances} instances: public item list, c=10`,
      line(run.itemList, run.loadAverage.itemList),
      at20 ? `≥ ${ITEM_LIST_TARGET_RPS} req/s` : '',
      at20 ? run.itemList.requestsPerSecond >= ITEM_LIST_TARGET_RPS : undefined,
    );
    figures.add(
      section,
      `${run.instances} instances: coordinator's list of 50 (three divisions), c=20`,
      line(run.coordinatorList, run.loadAverage.coordinatorList),
      `≥ ${COORDINATOR_LIST_TARGET_RPS} req/s`,
      run.coordinatorList.requestsPerSecond >= COORDINATOR_LIST_TARGET_RPS,
    );
    const cpu = run.coordinatorListCpuMs;
    figures.add(
      section,
      `${run.instances} instances: CPU per coordinator's list`,
      `gateway ${cpu.gateway} ms, joint ${cpu.joint} ms, divisions ${TASK_DIVISIONS.map((code) => cpu[`division:${code}`]).join('/')} ms, all processes ${cpu.all} ms`,
    );
    figures.add(section, `${run.instances} instances: GET /ready, c=10`, line(run.ready, run.loadAverage.ready));
  }
}

function reportRss(figures: Figures, section: string, peakRss: Record<string, number | undefined>): void {
  for (const [name, bytes] of Object.entries(peakRss)) {
    figures.add(section, `peak RSS ${name}`, mib(bytes), '≤ 1024 MiB', bytes === undefined ? undefined : bytes <= GiB);
  }
}

function reportGateway(figures: Figures, gateway: GatewayOverheadResult): void {
  for (const operation of gateway.operations) {
    const section = `gateway: ${operation.key}${operation.title.includes('one division') ? ' (ZA only)' : ''}`;
    for (const [variant, reason] of Object.entries(operation.skipped)) {
      const first = /"message":"([^"]*)"[\s\S]*?"path":\[([^\]]*)\]/.exec(reason);
      const answer = first ? `errors ("${first[1]}" at ${first[2].replace(/"/g, '')} …)` : reason.slice(0, 60);
      figures.add(section, `${VARIANT_TITLES[variant as Variant]}`, `not comparable: ${answer}`);
    }
    if (operation.runs.length === 0) {
      figures.add(
        section,
        'answers correctly through',
        Object.keys(operation.responseBytes)
          .map((variant) => VARIANT_TITLES[variant as Variant])
          .join(', '),
      );
      continue;
    }
    for (const connections of gateway.connections) {
      const runs = medianRuns(operation.runs.filter((run) => run.connections === connections));
      for (const [variant, load] of runs) {
        const cpu = load.gatewayCpuMsPerRequest === undefined ? '' : `, gateway CPU ${fixed(load.gatewayCpuMsPerRequest)} ms/req`;
        figures.add(
          section,
          `c=${connections} ${VARIANT_TITLES[variant]}`,
          `${Math.round(load.requestsPerSecond)} req/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms${cpu}`,
        );
      }
      const ours = runs.get('ours');
      if (!ours) continue;
      const ratio = (variant: Variant) => {
        const other = runs.get(variant);
        if (!other) return undefined;
        const cpu =
          ours.gatewayCpuMsPerRequest !== undefined && other.gatewayCpuMsPerRequest ? ours.gatewayCpuMsPerRequest / other.gatewayCpuMsPerRequest : undefined;
        return {
          rps: ours.requestsPerSecond / other.requestsPerSecond,
          p50: ours.p50Ms / other.p50Ms,
          text: `${fixed(ours.requestsPerSecond / other.requestsPerSecond)}, ${fixed(ours.p50Ms / other.p50Ms)}${cpu === undefined ? '' : `, ${fixed(cpu)}`}`,
        };
      };
      const apollo = ratio('apollo');
      if (apollo) {
        const target = operation.sameDataEverywhere ? `≥ ${1 - ROUTING_COST_BOUND} (routing ≤ 5 %)` : '(b) reaches one division only';
        figures.add(
          section,
          `c=${connections} (a)/(b) throughput, p50, CPU/req`,
          apollo.text,
          target,
          operation.sameDataEverywhere ? apollo.rps >= 1 - ROUTING_COST_BOUND : undefined,
        );
      }
      const hive = ratio('hive');
      if (hive) {
        const target = operation.sameDataEverywhere ? '≥ 1.00 (at least matches)' : '(c) reaches one division only';
        figures.add(section, `c=${connections} (a)/(c) throughput, p50, CPU/req`, hive.text, target, operation.sameDataEverywhere ? hive.rps >= 1 : undefined);
      }
      const direct = ratio('direct');
      if (direct) figures.add(section, `c=${connections} (a)/(d) throughput, p50`, direct.text, `(d) = ${operation.directNote}`);
    }
  }
}

/** Per variant, the median of each figure over the rounds. */
function medianRuns(runs: readonly GatewayOverheadResult['operations'][number]['runs'][number][]): Map<Variant, LoadResult> {
  const byVariant = new Map<Variant, LoadResult[]>();
  for (const run of runs) byVariant.set(run.variant, [...(byVariant.get(run.variant) ?? []), run.load]);
  const pick = (loads: LoadResult[], key: keyof LoadResult) => {
    const values = loads.map((load) => load[key]).filter((value): value is number => typeof value === 'number');
    return values.length ? median(values) : undefined;
  };
  return new Map(
    [...byVariant].map(([variant, loads]) => [
      variant,
      {
        ...loads[0]!,
        requestsPerSecond: pick(loads, 'requestsPerSecond')!,
        p50Ms: pick(loads, 'p50Ms')!,
        p99Ms: pick(loads, 'p99Ms')!,
        gatewayCpuMsPerRequest: pick(loads, 'gatewayCpuMsPerRequest'),
      },
    ]),
  );
}

function reportSql(figures: Figures, sql: SqlPerRequestResult): void {
  const section = 'SQL per request';
  const describe = (count: { total: number; byService: Record<string, number> }) =>
    `${count.total} (${Object.entries(count.byService)
      .map(([name, n]) => `${name} ${n}`)
      .join(', ')})`;
  figures.add(section, sql.list50.operation, describe(sql.list50));
  figures.add(section, sql.list200.operation, describe(sql.list200), 'same as 50', sql.batched);
  for (const other of sql.others) figures.add(section, other.operation, describe(other));
}

const bytesText = (bytes: number) => (bytes >= 1024 * 1024 ? `${fixed(bytes / 1024 / 1024, 1)} MiB` : `${fixed(bytes / 1024, 1)} KiB`);

function reportAmplification(figures: Figures, result: AmplificationResult): void {
  const section = `anonymous amplification (ZA pool of ${result.poolSize}, published)`;
  const cpu = (ms: number | undefined) => (ms === undefined ? '' : `, joint CPU ${fixed(ms, 0)} ms`);
  const describe = (request: AmplificationResult['requests'][number]) =>
    `HTTP ${request.status}${request.codes.length ? ` ${request.codes.join(',')}` : ''}, ${bytesText(request.bytes)}, ${fixed(request.ms, 0)} ms${cpu(request.jointCpuMs)}`;
  for (const request of result.requests) {
    figures.add(section, request.name, describe(request), `refused by a limit, or < ${JOINT_CPU_BOUND_MS} ms joint CPU`, withinBound(request));
  }
  figures.add(section, `${result.drawPage.name} (${result.drawPage.views} views)`, describe(result.drawPage), 'no verification work per view');
  figures.add(section, result.record.name, describe(result.record));
}

function parseArgs(argv: readonly string[]): BenchOptions {
  const value = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const list = (name: string) =>
    (value(name) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const smoke = argv.includes('--smoke');
  const parts = list('only') as Part[];
  for (const part of parts) if (!PARTS.includes(part)) throw new Error(`--only takes ${PARTS.join(', ')}, not ${part}`);
  const connections = list('connections').map(Number);
  return {
    smoke,
    parts: parts.length ? parts : [...PARTS],
    profile: list('profile'),
    record: argv.includes('--record'),
    connections: connections.length ? connections : [20, 50],
    rounds: Number(value('rounds') ?? 1),
    seconds: Number(value('seconds') ?? 10),
    warmSeconds: Number(value('warm') ?? 3),
    out: value('out'),
    log: (line) => console.log(line),
  };
}

/** What makes `--smoke` fail: the bounds `npm test` holds the code to. */
export function smokeFailures(result: BenchResult): string[] {
  const failures: string[] = [];
  if (result.draw && result.draw.medianDrawSeconds > SIZES.smoke.drawBoundSeconds) {
    failures.push(
      `the draw of a ${result.draw.directories.entries}-entry pool took ${fixed(result.draw.medianDrawSeconds)} s (bound ${SIZES.smoke.drawBoundSeconds} s)`,
    );
  }
  if (result.sql && !result.sql.batched) {
    failures.push(
      `the 200-assignment list costs ${result.sql.list200.total} statements, the 50-assignment list ${result.sql.list50.total}: batching is broken`,
    );
  }
  return failures;
}

if (require.main === module) {
  const options = parseArgs(process.argv.slice(2));
  runBench(options)
    .then((result) => {
      if (options.smoke) {
        const failures = smokeFailures(result);
        for (const failure of failures) console.error(`FAILED: ${failure}`);
        process.exit(failures.length ? 1 : 0);
      }
      process.exit(0);
    })
    .catch((error) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    });
}
