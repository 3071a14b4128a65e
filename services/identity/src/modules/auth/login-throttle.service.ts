import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@vexil/platform';
import type { IdentitySettings } from '../../identity-settings.js';
import { LoginThrottle } from './login-throttle.entity.js';

/** The throttle keys of one sign-in attempt: the account asked for, and the address asking. */
export function throttleKeys(email: string, clientIp: string | undefined): string[] {
  return [`account:${email}`, ...(clientIp ? [`ip:${clientIp}`] : [])];
}

/**
 * Slows down and then locks sign-in after repeated failures, per account and per IP address. Unknown
 * accounts are throttled exactly like real ones, so the answers reveal nothing about who is registered.
 */
export class LoginThrottleService {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: IdentitySettings['loginThrottle'],
    private readonly now: () => Date,
  ) {}

  /**
   * Runs one sign-in attempt with the account's throttle row locked, in one transaction: concurrent
   * attempts on an account queue here, so each sees the failures counted before it. (Checked before
   * and counted after the password check, parallel guesses all passed the same check.) `work` gets the
   * throttle and unit of work of that transaction; the failures it counts are kept when it throws a
   * {@link DomainError}.
   */
  async attempt<T>(
    keys: string[],
    work: (throttle: LoginThrottleService, em: EntityManager) => Promise<T>,
  ): Promise<T> {
    const outcome = await this.em.transactional(async (tx) => {
      const connection = tx.getConnection();
      const context = tx.getTransactionContext();
      await connection.execute(
        `insert into identity.login_throttles (key, failures, last_failed_at) values (?, 0, ?)
         on conflict (key) do nothing`,
        [keys[0], this.now()],
        'run',
        context,
      );
      await connection.execute(
        'select key from identity.login_throttles where key = ? for update',
        [keys[0]],
        'all',
        context,
      );
      const throttle = new LoginThrottleService(tx as EntityManager, this.settings, this.now);
      await throttle.check(keys);
      try {
        return { value: await work(throttle, tx as EntityManager) };
      } catch (error) {
        if (error instanceof DomainError) return { error };
        throw error;
      }
    });
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  }

  /** Throws `RATE_LIMIT_EXCEEDED` (with the seconds to wait) while any of the keys is locked. */
  async check(keys: string[]): Promise<void> {
    const now = this.now();
    const locks = await this.em.find(LoginThrottle, { key: { $in: keys }, lockedUntil: { $gt: now } });
    const until = Math.max(0, ...locks.map((lock) => lock.lockedUntil!.getTime()));
    if (until > 0) {
      throw DomainError.rateLimited(
        (until - now.getTime()) / 1000,
        'too many failed sign-in attempts; try again later',
      );
    }
  }

  /** Counts a failure on every key and locks those that reached their limit. */
  async fail(keys: string[]): Promise<void> {
    const now = this.now();
    const { slowAfter, accountLockAfter, ipLockAfter, lockMinutes } = this.settings;
    const lockMs = lockMinutes * 60_000;
    for (const key of keys) {
      // Failures are remembered for one lock period after the last one; an atomic upsert counts
      // concurrent attempts correctly across instances.
      const [row] = await this.em.getConnection().execute<{ failures: number }[]>(
        `insert into identity.login_throttles (key, failures, last_failed_at) values (?, 1, ?)
         on conflict (key) do update set
           failures = case when login_throttles.last_failed_at < ? then 1 else login_throttles.failures + 1 end,
           last_failed_at = excluded.last_failed_at
         returning failures`,
        [key, now, new Date(now.getTime() - lockMs)],
        'all',
        this.em.getTransactionContext(),
      );
      const failures = Number(row!.failures);
      const isAccount = key.startsWith('account:');
      let waitMs = 0;
      if (failures >= (isAccount ? accountLockAfter : ipLockAfter)) waitMs = lockMs;
      else if (isAccount && failures >= slowAfter)
        waitMs = Math.min(lockMs, 1000 * 2 ** (failures - slowAfter));
      if (waitMs > 0) {
        await this.em.nativeUpdate(LoginThrottle, { key }, { lockedUntil: new Date(now.getTime() + waitMs) });
      }
    }
  }

  /** Forgets an account's failures after it signed in or reset its password (in `em`'s transaction, if any). */
  async clear(key: string, em: EntityManager = this.em): Promise<void> {
    await em.nativeDelete(LoginThrottle, { key });
  }
}
