/**
 * Where the system `npm start` runs on a data folder can be found:
 * `DATA_DIR/running.json` names its gateway and the process serving it, written
 * once everything answers and removed when it stops. Commands that talk to the
 * running system (`npm run import`) read it, together with the development
 * secret `npm run token` reads from the same folder, so they reach the system
 * that secret belongs to whatever PORT it was started with.
 */
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

export const RUNNING_FILE = 'running.json';

export interface RunningSystem {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  gatewayUrl: string;
  /** The process of `npm start`. */
  pid: number;
  startedAt: string;
}

export function runningFile(dataDir: string): string {
  return join(dataDir, RUNNING_FILE);
}

export function writeRunningSystem(dataDir: string, system: RunningSystem): void {
  const file = runningFile(dataDir);
  writeFileSync(file, `${JSON.stringify(system, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** Removes the file only if it still names this process (a second `npm start` on the folder may have replaced it). */
export function removeRunningSystem(dataDir: string, pid = process.pid): void {
  const current = readRunningFile(dataDir);
  if (current && current.pid === pid) rmSync(runningFile(dataDir), { force: true });
}

function readRunningFile(dataDir: string): RunningSystem | null {
  const file = runningFile(dataDir);
  if (!existsSync(file)) return null;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<RunningSystem>;
    if (typeof parsed.gatewayUrl !== 'string' || typeof parsed.pid !== 'number') return null;
    return { gatewayUrl: parsed.gatewayUrl, pid: parsed.pid, startedAt: String(parsed.startedAt ?? '') };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The system running on this data folder, or null when none is (a file left by a crashed start is ignored). */
export function readRunningSystem(dataDir: string): RunningSystem | null {
  const system = readRunningFile(dataDir);
  return system && isAlive(system.pid) ? system : null;
}

/**
 * A path a user typed, relative to the folder they typed it in: `npm run` starts
 * the command in the project's folder and names the user's one in INIT_CWD.
 */
export function userPath(path: string, env: Record<string, string | undefined> = process.env): string {
  if (isAbsolute(path) || !env.INIT_CWD) return path;
  return resolve(env.INIT_CWD, path);
}
