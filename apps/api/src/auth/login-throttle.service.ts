import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { describeWait, TooManyAttemptsError } from './sign-in-errors';
import { ThrottleStore } from './throttle-store';

export type ThrottleScope = 'account-address' | 'address' | 'account';

/** The attempt may go on; if it fails, this many tries are left from its address before sign-in pauses there. */
export interface Admitted {
  remainingAttempts: number;
}

/** Why a sign-in was refused before the password was even checked. */
export interface Throttled {
  scope: ThrottleScope;
  retryAfterSeconds: number;
  error: TooManyAttemptsError;
}

/**
 * Failed sign-ins are limited three ways, so guessing is slow but nobody can lock the owner out:
 *
 * - per (account, address): a few failures pause sign-in to that account *from that address*
 *   for LOGIN_LOCKOUT_MINUTES; the owner elsewhere is not affected;
 * - per address: many failures across accounts pause that address (password spraying);
 * - per account, from every address: after LOGIN_ACCOUNT_FREE_FAILURES, each further failure
 *   doubles the wait before the next try (2 s, 4 s, ... up to LOGIN_ACCOUNT_MAX_DELAY_S): a
 *   delay, never a lockout, and not applied at all to addresses the account signed in from
 *   recently (LOGIN_KNOWN_ADDRESS_DAYS), so an attacker elsewhere cannot keep the owner out.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: ThrottleStore,
  ) {}

  private keys(email: string, ip: string) {
    return {
      pair: `login:pair:${email}|${ip}`,
      address: `login:address:${ip}`,
      account: `login:account:${email}`,
      known: `login:known:${email}|${ip}`,
    };
  }

  /**
   * Admits one sign-in attempt or refuses it. The attempt counts against its (account, address)
   * pair before the password is checked (and is taken back if it succeeds), so a burst of
   * parallel guesses at one account cannot slip past the limit while the first ones are still
   * being verified. The per-address count takes failures only, so many people signing in at once
   * from one network (a clinic behind one NAT) are never refused for succeeding.
   */
  async attempt(email: string, ip: string, now = Date.now()): Promise<Admitted | Throttled> {
    const keys = this.keys(email, ip);
    const windowMs = this.config.LOGIN_LOCKOUT_MINUTES * 60_000;
    const [pair, address, account, known] = await Promise.all([
      this.store.increment(keys.pair, windowMs, now),
      this.store.read(keys.address, now),
      this.store.readCurve(keys.account, now),
      this.store.isMarked(keys.known, now),
    ]);
    if (pair.count > this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS) return this.throttled('account-address', pair.resetAt - now);
    if (address.count >= this.config.LOGIN_MAX_FAILURES_PER_ADDRESS) {
      await this.store.decrement(keys.pair, now);
      return this.throttled('address', address.resetAt - now);
    }
    const delayMs = known ? 0 : this.accountDelayMs(account.count);
    if (account.lastAt + delayMs > now) {
      // Waiting for the account's curve costs this address none of its own tries.
      await this.store.decrement(keys.pair, now);
      return this.throttled('account', account.lastAt + delayMs - now);
    }
    const remainingAttempts = Math.max(
      0,
      Math.min(
        this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS - pair.count,
        this.config.LOGIN_MAX_FAILURES_PER_ADDRESS - address.count - 1,
      ),
    );
    return { remainingAttempts };
  }

  /** The admitted attempt failed: it counts for its address and on the account's curve. */
  async failed(email: string, ip: string, now = Date.now()): Promise<void> {
    const keys = this.keys(email, ip);
    await Promise.all([
      this.store.increment(keys.address, this.config.LOGIN_LOCKOUT_MINUTES * 60_000, now),
      this.store.bumpCurve(keys.account, this.config.LOGIN_ACCOUNT_WINDOW_HOURS * 3_600_000, now),
    ]);
  }

  /** The owner is in: the attempt is taken back, their address becomes known and the account's counts start again. */
  async succeeded(email: string, ip: string, now = Date.now()): Promise<void> {
    const keys = this.keys(email, ip);
    await this.store.delete(keys.pair, keys.account);
    if (this.config.LOGIN_KNOWN_ADDRESS_DAYS > 0) await this.store.mark(keys.known, this.config.LOGIN_KNOWN_ADDRESS_DAYS * 86_400_000, now);
  }

  /** The wait the account-wide curve asks for after `failures` failures from anywhere. */
  accountDelayMs(failures: number): number {
    const beyond = failures - this.config.LOGIN_ACCOUNT_FREE_FAILURES;
    if (beyond < 0) return 0;
    return Math.min(2 ** Math.min(beyond + 1, 30) * 1000, this.config.LOGIN_ACCOUNT_MAX_DELAY_S * 1000);
  }

  private throttled(scope: ThrottleScope, waitMs: number): Throttled {
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    const sentence =
      scope === 'account'
        ? `Too many failed sign-ins to this account. Try again in ${describeWait(retryAfterSeconds)}.`
        : `Too many failed sign-ins. Try again in ${describeWait(retryAfterSeconds)}.`;
    return { scope, retryAfterSeconds, error: new TooManyAttemptsError(sentence, retryAfterSeconds) };
  }
}
