import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * Small helpers for running the services as child processes, shared by the
 * bench, the fault tests and the tests' private PostgreSQL cluster.
 */

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** What `waitForStatus` needs to know of a child process. */
export interface WatchedProcess {
  readonly name: string;
  alive(): boolean;
  output(): string;
}

/** Polls `url` until it answers `status`; fails early, with the output, if the process dies. */
export async function waitForStatus(url: string, service: WatchedProcess, status = 200, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (!service.alive()) throw new Error(`${service.name} exited while waiting for ${url}:\n${service.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
      last = `HTTP ${response.status}`;
      await response.arrayBuffer();
      if (response.status === status) return;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(100);
  }
  throw new Error(`${service.name}: ${url} did not answer ${status} within ${timeoutMs} ms (last: ${last}):\n${service.output()}`);
}

/**
 * The environment of a service process: only what the service is given
 * explicitly, plus PATH and HOME. Nothing of the caller's environment
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

/** A child process of this node, with what it wrote and how it ended. */
export interface LaunchedProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves when the process has exited. */
  readonly exited: Promise<Exit>;
  /** What the process wrote to stdout and stderr so far (the last `outputLimit` characters). */
  output(): string;
  alive(): boolean;
}

/** Every child launched here and still running: killed when this process exits, so none is left behind. */
export const runningChildren = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of runningChildren) child.kill('SIGKILL');
});

/** Runs `node <args>` with exactly `env`, collecting its output. */
export function launchNode(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; outputLimit: number }): LaunchedProcess {
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  runningChildren.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > options.outputLimit) output = output.slice(-options.outputLimit);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  let exitedWith: Exit | undefined;
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      runningChildren.delete(child);
      exitedWith = { code, signal };
      resolve(exitedWith);
    });
  });
  return { child, pid: child.pid!, exited, output: () => output, alive: () => exitedWith === undefined };
}
