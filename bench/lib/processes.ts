/**
 * Services as operating-system processes, started from the compiled `dist/`
 * the way `npm run start:*` starts them, so each one's peak memory can be read
 * from the kernel (`VmHWM` in /proc/<pid>/status) without the bench's own
 * memory mixed in.
 */
import { launchNode, serviceEnv } from '../../scripts/process-support';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../common/repo-root';

export const ROOT = repoRoot(__dirname);

export const MAIN = {
  gateway: join(ROOT, 'dist', 'gateway', 'src', 'main.js'),
  division: join(ROOT, 'dist', 'subgraphs', 'division', 'src', 'main.js'),
  joint: join(ROOT, 'dist', 'subgraphs', 'joint', 'src', 'main.js'),
  lodging: join(ROOT, 'dist', 'subgraphs', 'lodging', 'src', 'main.js'),
  plainGateway: join(ROOT, 'dist', 'bench', 'gateways', 'plain-gateway.js'),
  hiveGateway: join(ROOT, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js'),
} as const;

/** Preloaded into our services: SIGUSR2 exits at once, so `--cpu-prof` profiles are written. */
const EXIT_ON_SIGNAL = join(__dirname, 'exit-on-signal.js');

export { freePort, sleep, waitForStatus } from '../../scripts/process-support';

export interface ServiceProcess {
  readonly name: string;
  readonly pid: number;
  readonly exited: Promise<number | null>;
  output(): string;
  alive(): boolean;
  /** Peak resident set size so far, in bytes (VmHWM). */
  peakRss(): number | undefined;
  /** CPU time used so far (user + system), in seconds; undefined where /proc is not available. */
  cpuSeconds(): number | undefined;
  /**
   * Ends the process and resolves when it is gone: SIGUSR2 for our services
   * (exits at once, writing any CPU profile), SIGTERM for others; SIGKILL
   * after `graceMs`.
   */
  stop(graceMs?: number): Promise<void>;
}

const OUTPUT_LIMIT = 100_000;

export interface StartOptions {
  env: Record<string, string | undefined>;
  args?: string[];
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  cwd?: string;
  /** Our own services get the SIGUSR2 preload; third-party gateways are stopped with SIGTERM. */
  preload?: boolean;
}

/** Starts `script` under this node, with only the environment given (plus PATH and HOME). */
export function startProcess(name: string, script: string, options: StartOptions): ServiceProcess {
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` first`);
  const preload = options.preload !== false && existsSync(EXIT_ON_SIGNAL) ? ['--require', EXIT_ON_SIGNAL] : [];
  const launched = launchNode([...preload, ...(options.nodeFlags ?? []), script, ...(options.args ?? [])], {
    cwd: options.cwd ?? ROOT,
    env: serviceEnv(options.env),
    outputLimit: OUTPUT_LIMIT,
  });
  const { child } = launched;
  let lastPeak: number | undefined;
  const exited = launched.exited.then((exit) => exit.code);
  const done = () => !launched.alive();
  return {
    name,
    pid: child.pid!,
    exited,
    output: launched.output,
    alive: launched.alive,
    peakRss() {
      if (!done()) lastPeak = readPeakRss(child.pid!) ?? lastPeak;
      return lastPeak;
    },
    cpuSeconds: () => (done() ? undefined : readCpuSeconds(child.pid!)),
    async stop(graceMs = 30_000) {
      if (done()) return;
      lastPeak = readPeakRss(child.pid!) ?? lastPeak;
      child.kill(preload.length ? 'SIGUSR2' : 'SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** VmHWM of a live process, in bytes; undefined where /proc is not available. */
export function readPeakRss(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;

/** utime + stime of a live process, in seconds. */
export function readCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
