import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RedisService } from '../redis/redis.service';

interface Window {
  count: number;
  resetAt: number;
}

/**
 * Failed sign-ins counted per account and per client address in a fixed window; past the
 * limit the login answers 429 until the window ends. With Redis the counts are shared by
 * every API process, so spreading guesses over replicas gains nothing.
 */
@Injectable()
export class LoginThrottleService {
  private readonly local = new Map<string, Window>();
  private readonly windowMs: number;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: RedisService,
  ) {
    this.windowMs = config.LOGIN_LOCKOUT_MINUTES * 60_000;
  }

  async check(email: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([this.read(`account:${email}`), this.read(`address:${ip}`)]);
    const blocked =
      (account.count >= this.config.LOGIN_MAX_FAILURES_PER_ACCOUNT && account) ||
      (address.count >= this.config.LOGIN_MAX_FAILURES_PER_ADDRESS && address);
    if (!blocked) return;
    const minutes = Math.max(1, Math.ceil((blocked.resetAt - Date.now()) / 60_000));
    throw new ApiError(HttpStatus.TOO_MANY_REQUESTS, `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
  }

  async failed(email: string, ip: string): Promise<void> {
    await Promise.all([this.increment(`account:${email}`), this.increment(`address:${ip}`)]);
  }

  async succeeded(email: string): Promise<void> {
    const key = `account:${email}`;
    this.local.delete(key);
    if (this.redis.client?.isReady) await this.redis.client.del(this.redisKey(key));
  }

  private redisKey(key: string): string {
    return `telehealth:login-failures:${key}`;
  }

  private async read(key: string): Promise<Window> {
    if (this.redis.client?.isReady) {
      const [count, ttl] = await Promise.all([this.redis.client.get(this.redisKey(key)), this.redis.client.pTTL(this.redisKey(key))]);
      return { count: Number(count ?? 0), resetAt: Date.now() + Math.max(0, Number(ttl)) };
    }
    const window = this.local.get(key);
    if (!window || window.resetAt <= Date.now()) return { count: 0, resetAt: Date.now() };
    return window;
  }

  private async increment(key: string): Promise<void> {
    if (this.redis.client?.isReady) {
      const redisKey = this.redisKey(key);
      const count = await this.redis.client.incr(redisKey);
      if (count === 1) await this.redis.client.pExpire(redisKey, this.windowMs);
      return;
    }
    const now = Date.now();
    const window = this.local.get(key);
    if (!window || window.resetAt <= now) this.local.set(key, { count: 1, resetAt: now + this.windowMs });
    else window.count += 1;
  }
}
