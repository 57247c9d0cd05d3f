import { raw, type EntityManager } from '@mikro-orm/core';
import { Account } from './account.entity';
import { AccountAuditEntry } from './account-audit.entity';
import { findAccount, SYSTEM_ACTOR } from './accounts';
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
 * Counts a wrong password in the database itself, and locks the account when
 * the count reaches the limit, so guesses sent in parallel are all counted and
 * only one of them writes the lock to the audit.
 */
async function countFailure(em: EntityManager, username: string, now: Date): Promise<Date | null> {
  const unlocked = { username, $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }] };
  if ((await em.nativeUpdate(Account, unlocked, { failedAttempts: raw('failed_attempts + 1') })) === 0) {
    // A parallel guess locked the account since it was read: this one is not counted towards the next lock.
    return (await em.fork().findOne(Account, { username }))?.lockedUntil ?? null;
  }
  const until = new Date(now.getTime() + LOCK_MINUTES * 60_000);
  const locked = await em.nativeUpdate(
    Account,
    { ...unlocked, failedAttempts: { $gte: LOCK_AFTER_FAILURES } },
    { failedAttempts: 0, lockedUntil: until, updatedAt: now },
  );
  if (locked === 0) return null;
  em.persist(
    Object.assign(new AccountAuditEntry(), {
      actor: SYSTEM_ACTOR,
      action: 'lock',
      account: username,
      detail: { until: until.toISOString(), reason: `${LOCK_AFTER_FAILURES} failed sign-ins in a row` },
    }),
  );
  await em.flush();
  return until;
}

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
    const lockedUntil = account ? await countFailure(em, account.username, now) : null;
    return lockedUntil ? { ok: false, reason: 'locked', until: lockedUntil } : { ok: false, reason: 'wrong-credentials' };
  }
  if (account.disabled) return { ok: false, reason: 'disabled' };
  if (account.failedAttempts !== 0 || account.lockedUntil) {
    // A lock that has run out ends silently: nobody changed the account.
    await em.nativeUpdate(Account, { username }, { failedAttempts: 0, lockedUntil: null });
  }
  return { ok: true, account };
}
