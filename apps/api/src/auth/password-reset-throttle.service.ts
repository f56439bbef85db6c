import { Injectable } from '@nestjs/common';
import { describeWait, TooManyAttemptsError } from './sign-in-errors';
import { ThrottleStore } from './throttle-store';

const HOUR_MS = 3_600_000;
/** Forgotten-password requests one client address may make an hour. */
export const FORGOT_MAX_PER_ADDRESS_PER_HOUR = 10;
/** Reset emails one address may receive an hour. */
export const FORGOT_MAX_PER_EMAIL_PER_HOUR = 3;

/** Limits on forgotten-password requests: per client address (429) and per email (no more emails). */
@Injectable()
export class PasswordResetThrottleService {
  constructor(private readonly store: ThrottleStore) {}

  /** Counts the request; the 429 when the address is past its limit, and whether the email may get another message. */
  async attempt(email: string, ip: string, now = Date.now()): Promise<{ error?: TooManyAttemptsError; emailAllowed: boolean }> {
    const byAddress = await this.store.increment(`forgot:address:${ip}`, HOUR_MS, now);
    if (byAddress.count > FORGOT_MAX_PER_ADDRESS_PER_HOUR) {
      const retryAfterSeconds = Math.max(1, Math.ceil((byAddress.resetAt - now) / 1000));
      const sentence = `Too many password requests from this network. Try again in ${describeWait(retryAfterSeconds)}.`;
      return { error: new TooManyAttemptsError(sentence, retryAfterSeconds), emailAllowed: false };
    }
    const byEmail = await this.store.increment(`forgot:email:${email}`, HOUR_MS, now);
    return { emailAllowed: byEmail.count <= FORGOT_MAX_PER_EMAIL_PER_HOUR };
  }
}
