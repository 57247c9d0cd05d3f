import type { EntityManager } from '@mikro-orm/core';
import { DIVISION_CODE } from '../../../common/divisions';
import { hasForbiddenCharacter } from '../../../common/text';
import { isRole, type Role } from '../../../common/viewer';
import { AccountAuditEntry, type AccountAction } from './account-audit.entity';
import { Account } from './account.entity';
import { hashPassword } from './passwords';

/** The actor recorded for changes nobody asked for by name: the first start, a lock after failed sign-ins. */
export const SYSTEM_ACTOR = 'system';

/** An account that would give tokens the gateway refuses, or a malformed field. */
export class AccountError extends Error {}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface AccountRoles {
  roles: Role[];
  division?: string | null;
  inspectorId?: string | null;
}

/** The same rules as the gateway's viewerFromClaims, checked when an account is saved rather than at every sign-in. */
export function checkAccountRoles({ roles, division, inspectorId }: AccountRoles): void {
  if (roles.length === 0 || !roles.every(isRole)) throw new AccountError('角色无效 (roles must be a non-empty list of known roles)');
  if (roles.some((role) => role === 'division_admin' || role === 'inspector' || role === 'reviewer') && !(division && DIVISION_CODE.test(division)))
    throw new AccountError('部门管理员、检查人员和法制审核人员必须有所属部门 (division_admin, inspector and reviewer accounts need a division)');
  if (division && !DIVISION_CODE.test(division)) throw new AccountError(`“${division}” 不是部门代码 (not a division code)`);
  if (roles.includes('inspector') && !inspectorId) throw new AccountError('检查人员账户必须有人员编号 (inspector accounts need the inspector id)');
  if (inspectorId && (inspectorId.length > 64 || hasForbiddenCharacter(inspectorId))) throw new AccountError('人员编号无效 (the inspector id is not valid)');
}

function audit(em: EntityManager, actor: string, action: AccountAction, account: string, detail: Record<string, unknown> | null = null): void {
  em.persist(Object.assign(new AccountAuditEntry(), { actor, action, account, detail }));
}

export interface NewAccount extends AccountRoles {
  username: string;
  displayName: string;
  password: string;
}

export async function createAccount(em: EntityManager, actor: string, input: NewAccount): Promise<Account> {
  if (!USERNAME.test(input.username)) throw new AccountError('用户名只能包含字母、数字、点、下划线和连字符 (letters, digits, . _ - only, at most 64)');
  if (!input.displayName || input.displayName.length > 200 || hasForbiddenCharacter(input.displayName))
    throw new AccountError('姓名须为单行文字，至多 200 字 (the display name must be single-line text of at most 200 characters)');
  checkAccountRoles(input);
  const account = Object.assign(new Account(), {
    username: input.username,
    displayName: input.displayName,
    roles: input.roles,
    division: input.division ?? null,
    inspectorId: input.inspectorId ?? null,
    passwordHash: await hashPassword(input.password),
  });
  em.persist(account);
  audit(em, actor, 'create', account.username, { roles: account.roles, division: account.division, inspectorId: account.inspectorId });
  await em.flush();
  return account;
}

export async function setPassword(em: EntityManager, actor: string, account: Account, password: string): Promise<void> {
  account.passwordHash = await hashPassword(password);
  audit(em, actor, 'set-password', account.username);
  await em.flush();
}

export async function setRoles(em: EntityManager, actor: string, account: Account, roles: AccountRoles): Promise<void> {
  checkAccountRoles(roles);
  account.roles = roles.roles;
  account.division = roles.division ?? null;
  account.inspectorId = roles.inspectorId ?? null;
  audit(em, actor, 'set-roles', account.username, { roles: account.roles, division: account.division, inspectorId: account.inspectorId });
  await em.flush();
}

export async function lockAccount(em: EntityManager, actor: string, account: Account, until: Date, reason: string): Promise<void> {
  account.lockedUntil = until;
  account.failedAttempts = 0;
  audit(em, actor, 'lock', account.username, { until: until.toISOString(), reason });
  await em.flush();
}

export async function unlockAccount(em: EntityManager, actor: string, account: Account): Promise<void> {
  account.lockedUntil = null;
  account.failedAttempts = 0;
  audit(em, actor, 'unlock', account.username);
  await em.flush();
}

export async function setDisabled(em: EntityManager, actor: string, account: Account, disabled: boolean): Promise<void> {
  account.disabled = disabled;
  audit(em, actor, disabled ? 'disable' : 'enable', account.username);
  await em.flush();
}

export function findAccount(em: EntityManager, username: string): Promise<Account | null> {
  return em.findOne(Account, { username });
}
