import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** The table's name, for the draw's plain read of it (`draw-class.ts`). */
export const CREDIT_CLASS_TABLE = 'credit_class';

/**
 * 信用风险分类记录 — one assessment of an entity by the market regulator, as the
 * joint office received it. Rows are only ever added: a newer assessment
 * supersedes an older one for the draws, and the older stays as history. The
 * class in force on a day is the row with the latest `assessedOn` not after
 * it; of two rows with the same `assessedOn`, the one recorded later.
 */
@Entity({ tableName: CREDIT_CLASS_TABLE })
@Index({ properties: ['uscc', 'assessedOn'] })
@Index({ properties: ['assessedOn'] })
export class CreditClassRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 18 })
  uscc!: string;

  /** A · B · C · D (`CreditRiskClass`). */
  @Property({ type: 'string', length: 1 })
  riskClass!: string;

  /** Who assessed, e.g. 市市场监督管理局 2026年第三季度企业信用风险分类结果. */
  @Property({ type: 'string', length: 200 })
  source!: string;

  /** The day of the assessment (YYYY-MM-DD), never in the future. */
  @Property({ type: 'string', length: 10 })
  assessedOn!: string;

  /** The signed-in user who recorded it (`sub`), and their name as the token gave it. */
  @Property({ type: 'string', length: 200 })
  recordedBy!: string;

  @Property({ type: 'string', length: 200 })
  recordedByName!: string;

  /** When it was recorded (ISO timestamp). */
  @Property({ type: 'string', length: 32 })
  recordedAt!: string;
}
