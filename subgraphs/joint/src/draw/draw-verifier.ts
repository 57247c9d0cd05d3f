import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { repoRoot } from '../../../../common/repo-root';
import type { DrawVerification } from './algorithm';
import type { StoredDrawFacts } from './stored-verification';
import type { VerifyJob } from './verify-worker';

/**
 * The compiled worker script. Services run from `dist/` (`npm start`, the
 * Docker image), where it sits beside this file; the tests run the TypeScript
 * sources and use the `dist/` that their global setup compiles.
 */
export function verifierScript(): string {
  const beside = join(__dirname, 'verify-worker.js');
  if (existsSync(beside)) return beside;
  const compiled = join(repoRoot(), 'dist', 'subgraphs', 'joint', 'src', 'draw', 'verify-worker.js');
  if (existsSync(compiled)) return compiled;
  throw new Error(`the draw verifier's worker ${compiled} is missing: run \`npm run build\` first`);
}

interface Pending {
  resolve: (verification: DrawVerification) => void;
  reject: (error: Error) => void;
}

/** A memory bound for the worker: parsing and re-running a record of a pool of 100,000 entries needs a few hundred MiB. */
const WORKER_HEAP_MB = 1024;

/**
 * Runs DRAW-ALGORITHM §8 in one worker thread, off the event loop. Records
 * queue in the worker; a crashed worker fails the records it held and is
 * started again for the next one.
 */
export class DrawVerifier {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  constructor(private readonly script: string = verifierScript()) {}

  verify(record: string, facts: StoredDrawFacts): Promise<DrawVerification> {
    if (this.closed) return Promise.reject(new Error('the draw verifier is closed'));
    const worker = this.running();
    const id = this.nextId++;
    return new Promise<DrawVerification>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, record, facts } satisfies VerifyJob);
    });
  }

  /** Records waiting for the worker or in it. */
  get queued(): number {
    return this.pending.size;
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    // The worker never keeps the process alive: a record it did not finish is verified at the next start.
    worker.unref();
    worker.on('message', (message: { id: number } & DrawVerification) => {
      const job = this.pending.get(message.id);
      this.pending.delete(message.id);
      job?.resolve({ ok: message.ok, problems: message.problems });
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the draw verifier's worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  /** Stops the worker; records it had not finished fail. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}
