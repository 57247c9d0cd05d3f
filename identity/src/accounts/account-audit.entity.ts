import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** What happened to an account. Sign-ins themselves are not account changes and are not listed. */
export type AccountAction = 'create' | 'set-password' | 'set-roles' | 'lock' | 'unlock' | 'disable' | 'enable';

/**
 * 账户变更记录 — one change to an account: who made it, what, when. Rows are only
 * appended, and never hold password material (a password change records only
 * that it happened).
 */
@Entity({ tableName: 'account_audit' })
export class AccountAuditEntry {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'datetime', index: true })
  at: Date = new Date();

  /** The username of whoever made the change, or `system` (first start, the lock after failed sign-ins). */
  @Property({ type: 'string', length: 64 })
  actor!: string;

  @Property({ type: 'string', length: 32 })
  action!: AccountAction;

  @Property({ type: 'string', length: 64, index: true })
  account!: string;

  /** What changed, e.g. the new roles or how long the lock lasts; null when the action says it all. */
  @Property({ type: 'json', nullable: true })
  detail: Record<string, unknown> | null = null;
}
