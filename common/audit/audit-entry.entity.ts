import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { AuditChange } from './audit-chain';

/** One row of the hash-chained audit log (审计日志). Rows are only ever appended. */
@Entity({ tableName: 'audit_entry' })
export class AuditEntry {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  seq!: number;

  @Property({ type: 'string', length: 32 })
  at!: string;

  @Property({ type: 'string', length: 200 })
  actor!: string;

  @Property({ type: 'string', length: 64 })
  role!: string;

  @Property({ type: 'string', length: 16, nullable: true })
  division!: string | null;

  @Property({ type: 'string', length: 64, index: true })
  action!: string;

  @Property({ type: 'string', length: 500, index: true })
  subject!: string;

  @Property({ type: 'string', length: 64 })
  inputDigest!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  requestId!: string | null;

  /** Null on entries written before display names were recorded. */
  @Property({ type: 'string', length: 200, nullable: true })
  actorName: string | null = null;

  /** The fields an update changed, with old and new values; null when none were recorded. */
  @Property({ type: 'json', nullable: true })
  changes: AuditChange[] | null = null;

  /** The error code a refused attempt got; null for a change that was made. */
  @Property({ type: 'string', length: 64, nullable: true, index: true })
  refusal: string | null = null;

  @Property({ type: 'string', length: 64 })
  prevHash!: string;

  @Property({ type: 'string', length: 64 })
  hash!: string;
}

/** The chain's head: one row, locked while an entry is appended so replicas append one at a time. */
@Entity({ tableName: 'audit_head' })
export class AuditHead {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id: number = 1;

  @Property({ type: 'integer' })
  seq: number = 0;

  @Property({ type: 'string', length: 64 })
  hash!: string;
}
