import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { Role } from '../../../common/viewer';

/**
 * 用户账户 — a person who signs in to the workbench. The username is the token's
 * `sub`: it never changes, so the audit entries the subgraphs write under it stay
 * readable. Roles, division and inspector id become the token's claims.
 */
@Entity({ tableName: 'account' })
export class Account {
  @PrimaryKey({ type: 'string', length: 64 })
  username!: string;

  /** 姓名 as shown in audit trails (the token's `name`). */
  @Property({ type: 'string', length: 200 })
  displayName!: string;

  @Property({ type: 'json' })
  roles: Role[] = [];

  /** 所属部门 — required for division_admin, inspector and reviewer. */
  @Property({ type: 'string', length: 16, nullable: true })
  division: string | null = null;

  /** 执法检查人员编号 — the inspector directory's id, required for inspector. */
  @Property({ type: 'string', length: 64, nullable: true })
  inspectorId: string | null = null;

  /** An argon2id PHC string; never the password itself. */
  @Property({ type: 'string', length: 200 })
  passwordHash!: string;

  /** Wrong passwords in a row since the last successful sign-in or lock. */
  @Property({ type: 'integer' })
  failedAttempts: number = 0;

  @Property({ type: 'datetime', nullable: true })
  lockedUntil: Date | null = null;

  @Property({ type: 'boolean' })
  disabled: boolean = false;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
