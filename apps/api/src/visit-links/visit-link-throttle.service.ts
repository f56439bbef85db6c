import { Inject, Injectable } from '@nestjs/common';
import { describeWait, TooManyAttemptsError } from '../auth/sign-in-errors';
import { ThrottleStore } from '../auth/throttle-store';
import { APP_CONFIG, AppConfig } from '../config/app-config';

const WINDOW_MS = 10 * 60_000;

/**
 * Redemptions per client address in ten minutes (VISIT_LINK_REDEEMS_PER_ADDRESS, 20 by default):
 * a patient opening their link again and again stays far below; someone guessing codes (25^8 of
 * them) gets nowhere.
 */
@Injectable()
export class VisitLinkThrottleService {
  constructor(
    private readonly store: ThrottleStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts a redemption from `ip`; the 429 once the address is past its limit. */
  async attempt(ip: string, now = Date.now()): Promise<TooManyAttemptsError | undefined> {
    const counter = await this.store.increment(`visit-link:address:${ip}`, WINDOW_MS, now);
    if (counter.count <= this.config.VISIT_LINK_REDEEMS_PER_ADDRESS) return undefined;
    const retryAfterSeconds = Math.max(1, Math.ceil((counter.resetAt - now) / 1000));
    return new TooManyAttemptsError(
      `Too many visit links or codes tried from this network. Try again in ${describeWait(retryAfterSeconds)}.`,
      retryAfterSeconds,
    );
  }
}
