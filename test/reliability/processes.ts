import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export { freePort, sleep, waitForStatus } from '../../scripts/process-support';

/**
 * The services as separate operating-system processes, started from the
 * compiled `dist/` exactly as `npm run start:gateway|start:division|start:joint`
 * start them (jest's global setup compiles dist/ first). Every child is
 * registered, so a failing test never leaves a process behind.
 */
export const ROOT = join(__dirname, '..', '..');

export const MAIN = {
  gateway: join(ROOT, 'dist', 'gateway', 'src', 'main.js'),
  division: join(ROOT, 'dist', 'subgraphs', 'division', 'src', 'main.js'),
  joint: join(ROOT, 'dist', 'subgraphs', 'joint', 'src', 'main.js'),
  lodging: join(ROOT, 'dist', 'subgraphs', 'lodging', 'src', 'main.js'),
} as const;

const running = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Resolves after `ms` without keeping the process alive: for races against a process's exit. */
export function deadline<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms).unref());
}

/**
 * The environment of a service process: only what the service is given
 * explicitly, plus PATH and HOME. Nothing of the test runner's environment
 * (NODE_ENV=test, JEST_WORKER_ID, TEST_DATABASE_URL …) leaks in.
 */
export function serviceEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8' };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value;
  return env;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServiceProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves when the process has exited. */
  readonly exited: Promise<Exit>;
  /** Everything the process wrote to stdout and stderr so far (the last 200,000 characters). */
  output(): string;
  alive(): boolean;
  signal(signal: NodeJS.Signals): void;
}

const OUTPUT_LIMIT = 200_000;

export function startProcess(name: string, script: string, env: NodeJS.ProcessEnv): ServiceProcess {
  const child = spawn(process.execPath, [script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  let exitedWith: Exit | undefined;
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      exitedWith = { code, signal };
      resolve(exitedWith);
    });
  });
  return {
    name,
    child,
    pid: child.pid!,
    exited,
    output: () => output,
    alive: () => exitedWith === undefined,
    signal(signal) {
      if (exitedWith === undefined) child.kill(signal);
    },
  };
}

/** SIGKILL, and wait until the process is gone. */
export async function killHard(service: ServiceProcess | undefined): Promise<void> {
  if (!service || !service.alive()) return;
  service.signal('SIGKILL');
  await service.exited;
}

/** Kills every process still running (afterAll, and after a failure). */
export async function killAll(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/** The sum of a Prometheus counter's samples whose labels include every given label. */
export function counterValue(metricsText: string, name: string, labels: Record<string, string>): number {
  let total = 0;
  for (const line of metricsText.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const close = line.lastIndexOf('}');
    const labelText = line.slice(name.length + 1, close);
    if (Object.entries(labels).every(([key, value]) => labelText.includes(`${key}="${value}"`))) total += Number(line.slice(close + 1).trim());
  }
  return total;
}
