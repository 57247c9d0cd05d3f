import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * 抽取记录 — the frozen result of a task's draw. The task id is the primary key,
 * so the database itself refuses a second draw of the same task.
 */
@Entity({ tableName: 'draw' })
export class DrawRow {
  @PrimaryKey({ type: 'string', length: 32 })
  task!: string;

  @Property({ type: 'string', length: 32 })
  drawnAt!: string;

  @Property({ type: 'string', length: 100 })
  drawnBy!: string;

  @Property({ type: 'string', length: 32 })
  algorithm!: string;

  @Property({ type: 'string', length: 400 })
  beacon!: string;

  @Property({ type: 'string', length: 64 })
  secret!: string;

  @Property({ type: 'string', length: 64 })
  seed!: string;

  @Property({ type: 'string', length: 64 })
  poolDigest!: string;

  @Property({ type: 'integer' })
  poolSize!: number;

  @Property({ type: 'integer' })
  highPoolSize!: number;

  @Property({ type: 'integer' })
  selectedCount!: number;

  @Property({ type: 'integer' })
  highSelectedCount!: number;

  @Property({ type: 'integer' })
  excludedCount!: number;

  /**
   * The canonical JSON record of DRAW-ALGORITHM §7 — megabytes for a large pool,
   * so it is read only where it is needed (`populate: ['record']`).
   */
  @Property({ type: 'text', lazy: true })
  record!: string;

  /**
   * SSJ-DRAW-2 only: the full record (docs/draw-algorithm.md §8.2) — the public record in
   * `record` together with the pool key and the clear pool, for supervisors. Null for SSJ-DRAW-1.
   */
  @Property({ type: 'text', lazy: true, nullable: true })
  fullRecord: string | null = null;

  /**
   * The checks of DRAW-ALGORITHM §8, run once on the stored record (off the
   * request's event loop, right after the draw; again only when a supervisor
   * asks) and kept here: a stored draw never changes, so neither does this.
   * Null until the record has been verified.
   */
  @Property({ type: 'boolean', nullable: true })
  verificationOk!: boolean | null;

  @Property({ type: 'json', nullable: true })
  verificationProblems!: string[] | null;

  @Property({ type: 'string', length: 32, nullable: true })
  verifiedAt!: string | null;
}
