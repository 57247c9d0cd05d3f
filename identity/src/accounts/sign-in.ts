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

const unlockedAt = (username: string, now: Date) => ({ username, $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }] });

/**
 * Takes one of the account's tries before its password is checked: the count goes up
 * in the database, only while tries are left and the account is not locked. So guesses
 * sent in parallel cannot outnumber the tries, however many are checked at once; a
 * right password gives its try back (the count starts afresh).
 */
async function takeTry(em: EntityManager, username: string, now: Date): Promise<boolean> {
  const taken = await em.nativeUpdate(
    Account,
    { ...unlockedAt(username, now), failedAttempts: { $lt: LOCK_AFTER_FAILURES } },
    { failedAttempts: raw('failed_attempts + 1') },
  );
  return taken === 1;
}

/**
 * After a wrong password: locks the account when every try is spent. Only one of the
 * guesses sent in parallel writes the lock, and the audit entry with it.
 */
async function lockWhenSpent(em: EntityManager, username: string, now: Date): Promise<Date | null> {
  const until = new Date(now.getTime() + LOCK_MINUTES * 60_000);
  const locked = await em.nativeUpdate(
    Account,
    { ...unlockedAt(username, now), failedAttempts: { $gte: LOCK_AFTER_FAILURES } },
    { failedAttempts: 0, lockedUntil: until, updatedAt: now },
  );
  if (locked === 0) return currentLock(em, username, now);
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

/** The end of the account's lock if it is locked now. */
async function currentLock(em: EntityManager, username: string, now: Date): Promise<Date | null> {
  const lockedUntil = (await em.fork().findOne(Account, { username }))?.lockedUntil ?? null;
  return lockedUntil && lockedUntil > now ? lockedUntil : null;
}

/**
 * Checks a username and password. A locked account is refused before its
 * password is looked at, so the right password does not end a lock early and
 * guesses during a lock are not counted; so is an attempt that finds every try
 * taken by attempts still being checked (it is told the account is locked, for
 * a lock is what those attempts will write unless one of them is right). A
 * disabled account is named only to someone who knows its password.
 */
export async function signIn(em: EntityManager, username: string, password: string, now = new Date()): Promise<SignInResult> {
  const account = await findAccount(em, username);
  if (!account) {
    await passwordMatches(null, password);
    return { ok: false, reason: 'wrong-credentials' };
  }
  if (!(await takeTry(em, account.username, now))) {
    const until = (await currentLock(em, account.username, now)) ?? new Date(now.getTime() + LOCK_MINUTES * 60_000);
    return { ok: false, reason: 'locked', until };
  }
  if (!(await passwordMatches(account.passwordHash, password))) {
    const lockedUntil = await lockWhenSpent(em, account.username, now);
    return lockedUntil ? { ok: false, reason: 'locked', until: lockedUntil } : { ok: false, reason: 'wrong-credentials' };
  }
  // The right password: the count starts afresh (a lock that had run out ends silently: nobody changed the account).
  await em.nativeUpdate(Account, { username: account.username }, { failedAttempts: 0, lockedUntil: null });
  if (account.disabled) return { ok: false, reason: 'disabled' };
  return { ok: true, account };
}
