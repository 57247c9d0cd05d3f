import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * 抽取池 — the SSJ-DRAW-2 pool of a task, fixed by its commit (docs/draw-algorithm.md §2–§3):
 * the public pool and its digest, published at once, and beside them what stays in the office —
 * the pool key and the clear pool. The draw reads this, never the directories' pools again.
 * Tasks committed before SSJ-DRAW-2 have no row and are drawn with SSJ-DRAW-1.
 */
@Entity({ tableName: 'task_pool' })
export class TaskPoolRow {
  @PrimaryKey({ type: 'string', length: 32 })
  task!: string;

  /** The commit date (Asia/Shanghai), the pool's `asOf`. */
  @Property({ type: 'string', length: 10 })
  asOf!: string;

  /** SHA-256 of the public pool's canonical JSON, published at commit. */
  @Property({ type: 'string', length: 64 })
  digest!: string;

  /** Targets per class, `{ A, B, C, D }`, published at commit. */
  @Property({ type: 'json' })
  counts!: { A: number; B: number; C: number; D: number };

  /** Inspectors in the pool, published at commit. */
  @Property({ type: 'integer' })
  inspectorCount!: number;

  /** Derives every salt: never public (the full record carries it, for supervisors). */
  @Property({ type: 'string', length: 64, hidden: true })
  poolKey!: string;

  /** The public pool (§3), canonical JSON: megabytes for a city, read only where it is served or drawn. */
  @Property({ type: 'text', lazy: true })
  publicPool!: string;

  /**
   * The clear pool (§2) and what the office needs beside it, JSON: `targets`, `inspectors`,
   * `excluded` (left out at commit by rule 3, with the task that drew them) and `entities`
   * (`[uscc, name, itemKeys]` for the assignments). Never public.
   */
  @Property({ type: 'text', lazy: true })
  clearPool!: string;

  @Property({ type: 'string', length: 32 })
  createdAt!: string;
}
