import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { launchNode, runningChildren, type Exit } from '../../scripts/process-support';

export { freePort, serviceEnv, sleep, waitForStatus, type Exit } from '../../scripts/process-support';

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

/** Resolves after `ms` without keeping the process alive: for races against a process's exit. */
export function deadline<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms).unref());
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
  const launched = launchNode([script], { cwd: ROOT, env, outputLimit: OUTPUT_LIMIT });
  return {
    ...launched,
    name,
    signal(signal) {
      if (launched.alive()) launched.child.kill(signal);
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
    [...runningChildren].map(
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
