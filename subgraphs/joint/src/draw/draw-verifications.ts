import type { EntityManager } from '@mikro-orm/core';
import { auditedTransaction } from '../../../../common/audit/audit-log';
import { domainError } from '../../../../common/errors';
import type { Logger } from '../../../../common/logger';
import type { Orm } from '../../../../common/orm';
import type { Viewer } from '../../../../common/viewer';
import { requireRole } from '../../../../common/auth';
import { InspectionTask } from '../tasks/inspection-task.entity';
import type { DrawVerification } from './algorithm';
import { DrawRow } from './draw.entity';
import { TaskPoolRow } from './task-pool.entity';
import type { DrawVerifier } from './draw-verifier';
import type { StoredDrawFacts } from './stored-verification';

/** A verification as stored with the draw. */
export interface StoredVerification extends DrawVerification {
  verifiedAt: string;
}

/** How long a read waits for a verification this process is running (the one right after a draw) before answering "pending". */
const READ_WAIT_MS = 15_000;

function storedOf(row: DrawRow): StoredVerification | null {
  if (row.verifiedAt === null || row.verificationOk === null) return null;
  return { ok: row.verificationOk, problems: row.verificationProblems ?? [], verifiedAt: row.verifiedAt };
}

async function factsOf(em: EntityManager, row: DrawRow): Promise<StoredDrawFacts> {
  const task = await em.findOne(InspectionTask, { id: row.task }, { fields: ['seedCommitment'], disableIdentityMap: true });
  const pool = await em.findOne(TaskPoolRow, { task: row.task }, { fields: ['task', 'digest'], disableIdentityMap: true });
  return {
    task: row.task,
    commitment: task?.seedCommitment ?? null,
    beacon: row.beacon,
    secret: row.secret,
    seed: row.seed,
    poolDigest: row.poolDigest,
    committedPoolDigest: pool?.digest ?? null,
    publicRecord: row.fullRecord ? row.record : null,
  };
}

function store(em: EntityManager, task: string, verification: StoredVerification): Promise<number> {
  return em.nativeUpdate(
    DrawRow,
    { task },
    { verificationOk: verification.ok, verificationProblems: verification.problems, verifiedAt: verification.verifiedAt },
  );
}

/**
 * 抽取核验 — each stored draw is verified once, in the verifier's worker thread,
 * and the result kept with the draw: right after the draw is stored (the draw
 * call does not wait for it), at start for older draws without a result, and
 * again only when a supervisor asks. Reads answer what is stored; nothing a
 * client sends makes the joint subgraph verify anything on its event loop.
 */
export class DrawVerifications {
  private readonly running = new Map<string, Promise<StoredVerification | null>>();
  private closed = false;

  constructor(
    private readonly orm: Orm,
    private readonly verifier: DrawVerifier,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  /** Verifies a stored draw in the background and stores the result; one run per task at a time. */
  schedule(task: string): Promise<StoredVerification | null> {
    const existing = this.running.get(task);
    if (existing) return existing;
    const run = this.verifyAndStore(task)
      .catch((error: unknown) => {
        this.logger.warn({ task, err: error }, 'draw verification failed to run; it is tried again at the next start');
        return null;
      })
      .finally(() => this.running.delete(task));
    this.running.set(task, run);
    return run;
  }

  private async verifyAndStore(task: string): Promise<StoredVerification | null> {
    if (this.closed) return null;
    const em = this.orm.em.fork();
    const row = await em.findOne(DrawRow, { task }, { populate: ['record', 'fullRecord'] });
    if (!row) return null;
    const started = performance.now();
    const verification: StoredVerification = {
      ...(await this.verifier.verify(row.fullRecord ?? row.record, await factsOf(em, row))),
      verifiedAt: this.now().toISOString(),
    };
    if (this.closed) return null;
    await store(em, task, verification);
    this.logger.info({ task, ok: verification.ok, problems: verification.problems.length, ms: Math.round(performance.now() - started) }, 'draw verified');
    return verification;
  }

  /**
   * What a read of `Draw.verification` answers: the stored result; while this
   * process is verifying the draw (just after drawing it), that result when it
   * comes, waiting without using the event loop; otherwise null (pending).
   */
  async current(row: DrawRow): Promise<StoredVerification | null> {
    const stored = storedOf(row);
    if (stored) return stored;
    const running = this.running.get(row.task);
    if (!running) return null;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), READ_WAIT_MS);
    });
    try {
      return await Promise.race([running, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Draws stored before verification was kept (or whose verification was interrupted): verified one after another, in the background. */
  async verifyUnverified(): Promise<number> {
    const em = this.orm.em.fork();
    const rows = await em.find(DrawRow, { verifiedAt: null }, { fields: ['task'], orderBy: { task: 'asc' }, disableIdentityMap: true });
    let verified = 0;
    for (const { task } of rows) {
      if (this.closed) break;
      if (await this.schedule(task)) verified += 1;
    }
    if (rows.length > 0) this.logger.info({ draws: rows.length, verified }, 'older draws verified');
    return verified;
  }

  /** 重新核验 — a supervisor's explicit verification of a stored draw, stored and audited. */
  async reverify(em: EntityManager, viewer: Viewer, task: string): Promise<StoredVerification> {
    requireRole(viewer, 'supervisor');
    const row = await em.findOne(DrawRow, { task }, { populate: ['record', 'fullRecord'] });
    if (!row) throw domainError('TASK_NOT_DRAWN', `任务 ${task} 没有抽取记录 (task ${task} has no draw to verify)`, { task });
    const verification: StoredVerification = {
      ...(await this.verifier.verify(row.fullRecord ?? row.record, await factsOf(em, row))),
      verifiedAt: this.now().toISOString(),
    };
    return auditedTransaction(em, viewer, async (tx) => {
      await store(tx, task, verification);
      return {
        result: verification,
        audit: [{ action: 'verifyDraw', subject: `task:${task}`, input: { task, ok: verification.ok, problems: verification.problems } }],
      };
    });
  }

  /** Stops verifying and the worker: a run it had not finished leaves its draw unverified, to be verified at the next start. */
  async close(): Promise<void> {
    this.closed = true;
    await this.verifier.close();
    await Promise.allSettled([...this.running.values()]);
  }
}
