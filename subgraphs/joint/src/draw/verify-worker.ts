/**
 * The draw verifier's worker thread: verifies records handed to it, one at a
 * time, so that the seconds §8 takes on a large pool never block the joint
 * subgraph's event loop. Started by `DrawVerifier` from the compiled `dist/`.
 */
import { parentPort } from 'node:worker_threads';
import { verifyStoredDraw, type StoredDrawFacts } from './stored-verification';

export interface VerifyJob {
  id: number;
  record: string;
  facts: StoredDrawFacts;
}

parentPort?.on('message', (job: VerifyJob) => {
  parentPort!.postMessage({ id: job.id, ...verifyStoredDraw(job.record, job.facts) });
});
