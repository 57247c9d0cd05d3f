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
