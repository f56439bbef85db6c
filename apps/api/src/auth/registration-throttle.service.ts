import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { describeWait, TooManyAttemptsError } from './sign-in-errors';
import { ThrottleStore } from './throttle-store';

const HOUR_MS = 3_600_000;

/** At most REGISTER_MAX_PER_ADDRESS_PER_HOUR registrations (new email or not) per client address. */
@Injectable()
export class RegistrationThrottleService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: ThrottleStore,
  ) {}

  /** Counts the attempt; the 429 to answer when the address is past its hourly limit. */
  async attempt(ip: string, now = Date.now()): Promise<TooManyAttemptsError | undefined> {
    const counter = await this.store.increment(`register:address:${ip}`, HOUR_MS, now);
    if (counter.count <= this.config.REGISTER_MAX_PER_ADDRESS_PER_HOUR) return undefined;
    const retryAfterSeconds = Math.max(1, Math.ceil((counter.resetAt - now) / 1000));
    return new TooManyAttemptsError(
      `Too many registrations from this network. Try again in ${describeWait(retryAfterSeconds)}.`,
      retryAfterSeconds,
    );
  }
}
