/**
 * Scenario 1 — the draw at scale: overlapping hotel directories imported
 * through `importTargets`, inspectors saved through `saveInspector`, then
 * `drawInspectionTask` timed through the gateway. Each timed draw is of a new
 * task over the same pool: the previous task is cancelled first, so the
 * once-a-year rule leaves the pool unchanged.
 */
import { Coordinator, loadDirectories, usccFor, type LoadedDirectories } from '../lib/directory';
import type { Federation } from '../lib/federation';
import { loadNow } from '../lib/machine';

export interface DrawAtScaleOptions {
  perDivision: number;
  inspectorsPerDivision: number;
  draws: number;
  /** Entities put on a risk list (HIGH stratum). */
  riskFlags: number;
  ratioBp: number;
  highRiskRatioBp: number;
  log: (line: string) => void;
}

export interface DrawAtScaleResult {
  directories: LoadedDirectories;
  poolSize: number;
  selected: number;
  ratioBp: number;
  highRiskRatioBp: number;
  drawSeconds: number[];
  medianDrawSeconds: number;
  /** The joint's own account of each draw (its `task drawn` log line), when it runs as a process. */
  jointPhases: Array<Record<string, number> | undefined>;
  /** The last drawn task, kept (not cancelled) for the list measurements. */
  taskId: string;
  /** Peak RSS per process (bytes) after the draws. */
  peakRss: Record<string, number | undefined>;
  loadDuringDraws: Array<[number, number, number]>;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function drawAtScale(federation: Federation, options: DrawAtScaleOptions): Promise<DrawAtScaleResult> {
  const { log } = options;
  log(`draw at scale: ${federation.divisions.length} divisions × ${options.perDivision} hotel entries, ${options.inspectorsPerDivision} inspectors each`);
  const directories = await loadDirectories(federation, { perDivision: options.perDivision, inspectorsPerDivision: options.inspectorsPerDivision, log });
  log(`  import: ${Math.round(directories.import.rowsPerSecond)} rows/s`);
  const coordinator = await Coordinator.signIn(federation);
  if (options.riskFlags > 0) await coordinator.flagRisks(directories.distinct, options.riskFlags);

  const drawSeconds: number[] = [];
  const jointPhases: DrawAtScaleResult['jointPhases'] = [];
  const loads: Array<[number, number, number]> = [];
  let taskId = '';
  let poolSize = 0;
  let selected = 0;
  for (let run = 1; run <= options.draws; run++) {
    if (taskId) await coordinator.cancel(taskId);
    taskId = await coordinator.committedTask({
      name: `旅馆业联合抽查（基准测试第${run}次）`,
      ratioBp: options.ratioBp,
      highRiskRatioBp: options.highRiskRatioBp,
    });
    loads.push(loadNow());
    const drawn = await coordinator.draw(taskId);
    drawSeconds.push(drawn.seconds);
    poolSize = drawn.poolSize;
    selected = drawn.selectedCount;
    const phases = drawnLogLine(federation, taskId);
    jointPhases.push(phases);
    log(
      `  draw ${run}/${options.draws}: ${drawn.seconds.toFixed(2)} s (pool ${drawn.poolSize}, selected ${drawn.selectedCount})${phases ? ` joint: ${JSON.stringify(phases)}` : ''}`,
    );
  }
  if (poolSize !== directories.distinct) {
    throw new Error(`the pool has ${poolSize} entities, the directories ${directories.distinct}: the draw did not see every entry`);
  }
  return {
    directories,
    poolSize,
    selected,
    ratioBp: options.ratioBp,
    highRiskRatioBp: options.highRiskRatioBp,
    drawSeconds,
    medianDrawSeconds: median(drawSeconds),
    jointPhases,
    taskId,
    peakRss: federation.peakRss(),
    loadDuringDraws: loads,
  };
}

/** The phases of one draw from the joint's `task drawn` log line (milliseconds), with its total as `totalMs`. */
function drawnLogLine(federation: Federation, taskId: string): Record<string, number> | undefined {
  const lines = federation.output?.('joint').split('\n') ?? [];
  for (const line of lines.reverse()) {
    if (!line.includes('"task drawn"')) continue;
    try {
      const entry = JSON.parse(line) as { task?: string; ms?: number; phases?: Record<string, number> };
      if (entry.task === taskId) return { totalMs: entry.ms ?? NaN, ...entry.phases };
    } catch {
      // not a JSON log line
    }
  }
  return undefined;
}

/** Entities for a small published task: spread over the directories, so some are shared between two. */
export function publishedEntities(distinct: number, count: number): string[] {
  const step = Math.max(1, Math.floor(distinct / count));
  return Array.from({ length: count }, (_, i) => usccFor(i * step + 1));
}
