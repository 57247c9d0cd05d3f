import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { Account } from './account.entity';
import { createAccount, SYSTEM_ACTOR } from './accounts';
import { randomPassword } from './passwords';

export const ADMINISTRATOR = 'admin';

/**
 * 系统管理员 — created at the first start with a random password that is returned
 * once, for the caller to print; only its hash is stored. Later starts find the
 * account and return null. Its role is supervisor until the account-management
 * API gives administrators a role of their own.
 */
export async function ensureAdministrator(em: EntityManager): Promise<string | null> {
  if ((await em.count(Account, { username: ADMINISTRATOR })) > 0) return null;
  const password = randomPassword();
  try {
    await createAccount(em, SYSTEM_ACTOR, { username: ADMINISTRATOR, displayName: '系统管理员', roles: ['supervisor'], password });
  } catch (error) {
    // Another replica starting on the same database created it first: its password is the one printed.
    if (error instanceof UniqueConstraintViolationException) return null;
    throw error;
  }
  return password;
}
