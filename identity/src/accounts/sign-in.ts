import type { EntityManager } from '@mikro-orm/core';
import type { Account } from './account.entity';
import { findAccount, lockAccount, SYSTEM_ACTOR } from './accounts';
import { passwordMatches } from './passwords';

/** Wrong passwords in a row that lock an account, and for how long (等保 2.0: 登录失败处理). */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;

export type SignInResult =
  | { ok: true; account: Account }
  /** Wrong password or unknown username: the same answer, so usernames cannot be probed. */
  | { ok: false; reason: 'wrong-credentials' }
  | { ok: false; reason: 'locked'; until: Date }
  | { ok: false; reason: 'disabled' };

/**
 * Checks a username and password. A locked account is refused before its
 * password is looked at, so the right password does not end a lock early and
 * guesses during a lock are not counted; a disabled account is named only to
 * someone who knows its password.
 */
export async function signIn(em: EntityManager, username: string, password: string, now = new Date()): Promise<SignInResult> {
  const account = await findAccount(em, username);
  if (account?.lockedUntil && account.lockedUntil > now) return { ok: false, reason: 'locked', until: account.lockedUntil };
  if (!(await passwordMatches(account?.passwordHash ?? null, password)) || !account) {
    if (account) {
      account.failedAttempts += 1;
      if (account.failedAttempts >= LOCK_AFTER_FAILURES) {
        const until = new Date(now.getTime() + LOCK_MINUTES * 60_000);
        await lockAccount(em, SYSTEM_ACTOR, account, until, `${LOCK_AFTER_FAILURES} failed sign-ins in a row`);
        return { ok: false, reason: 'locked', until };
      }
      await em.flush();
    }
    return { ok: false, reason: 'wrong-credentials' };
  }
  if (account.disabled) return { ok: false, reason: 'disabled' };
  if (account.failedAttempts !== 0 || account.lockedUntil) {
    // A lock that has run out ends silently: nobody changed the account.
    account.failedAttempts = 0;
    account.lockedUntil = null;
    await em.flush();
  }
  return { ok: true, account };
}
