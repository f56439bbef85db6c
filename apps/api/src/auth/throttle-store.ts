import { Injectable } from '@nestjs/common';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RedisService } from '../redis/redis.service';

export interface Counter {
  count: number;
  /** When the window ends and the count starts again from zero (ms since the epoch). */
  resetAt: number;
}

export interface Curve {
  count: number;
  /** The last failure (ms since the epoch); 0 when none. */
  lastAt: number;
}

// The services compare counts themselves: the limiters only count, they never refuse.
const UNLIMITED = Number.MAX_SAFE_INTEGER;
// rate-limiter-flexible keeps whole seconds; a window is never shorter than one.
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
// The curve's companion key holding the time of its last increment.
const lastAtKey = (key: string) => `${key}:at`;

/** Every increment pushes the expiry out again: a count forgotten a while after its last increment. */
const SLIDING_INCR_LUA = `local consumed = redis.call('incrby', KEYS[1], ARGV[1])
redis.call('expire', KEYS[1], ARGV[2])
return {consumed, redis.call('pttl', KEYS[1])}`;

/** The in-memory twin of SLIDING_INCR_LUA (synchronous underneath, so concurrent bumps keep their order). */
class SlidingRateLimiterMemory extends RateLimiterMemory {
  override async penalty(key: string | number, points = 1, options: { customDuration?: number } = {}): Promise<RateLimiterRes> {
    const res = await super.penalty(key, points, options);
    return this.set(key, res.consumedPoints, options.customDuration ?? this.duration);
  }
}

interface Limiters {
  /** Fixed windows (from the first increment) and flags. */
  counters: RateLimiterAbstract;
  /** Counts forgotten `idleMs` after their last increment. */
  curves: RateLimiterAbstract;
}

/**
 * Counters for sign-in and registration limits, on rate-limiter-flexible. With Redis they are
 * shared by every API process (spreading guesses over replicas gains nothing); without it, or
 * while Redis is down (the in-memory insurance limiter takes over), they live in this process,
 * as the single-process setup runs. Keys are `<REDIS_KEY_PREFIX>throttle:<key>`.
 *
 * The `now` parameters are kept for callers' arithmetic: the store itself runs on the clock.
 */
@Injectable()
export class ThrottleStore {
  private readonly limiters: Limiters;
  /**
   * Marks last weeks (a known sign-in address: LOGIN_KNOWN_ADDRESS_DAYS), longer than a Node
   * timer can wait (2^31 ms, about 24.8 days), which is how the in-memory limiter expires keys:
   * without Redis they are kept here with their expiry and read lazily.
   */
  private readonly localMarks: Map<string, number> | undefined;

  constructor(redis: RedisService) {
    this.localMarks = redis.client ? undefined : new Map();
    const base = { points: UNLIMITED, duration: 60, keyPrefix: `${redis.keyPrefix}throttle` };
    const memory = { counters: new RateLimiterMemory(base), curves: new SlidingRateLimiterMemory(base) };
    const client = redis.client;
    this.limiters = client
      ? {
          counters: new RateLimiterRedis({
            ...base,
            storeClient: client,
            useRedisPackage: true,
            rejectIfRedisNotReady: true,
            insuranceLimiter: memory.counters,
          }),
          curves: new RateLimiterRedis({
            ...base,
            storeClient: client,
            useRedisPackage: true,
            rejectIfRedisNotReady: true,
            customIncrTtlLuaScript: SLIDING_INCR_LUA,
            insuranceLimiter: memory.curves,
          }),
        }
      : memory;
  }

  /** A fixed-window count: the window starts at the first increment. */
  async read(key: string, now = Date.now()): Promise<Counter> {
    const res = await this.limiters.counters.get(key);
    return res ? { count: res.consumedPoints, resetAt: now + Math.max(0, res.msBeforeNext) } : { count: 0, resetAt: now };
  }

  async increment(key: string, windowMs: number, now = Date.now()): Promise<Counter> {
    const res = await this.limiters.counters.penalty(key, 1, { customDuration: seconds(windowMs) });
    return { count: res.consumedPoints, resetAt: now + Math.max(0, res.msBeforeNext) };
  }

  /** Takes back one increment (an attempt that turned out not to count); never below zero. */
  async decrement(key: string, _now = Date.now()): Promise<void> {
    const res = await this.limiters.counters.reward(key, 1);
    if (res.consumedPoints <= 0) await this.limiters.counters.delete(key);
  }

  /** A count that is forgotten `idleMs` after its last increment, with the time of that increment. */
  async readCurve(key: string, _now = Date.now()): Promise<Curve> {
    const [count, lastAt] = await Promise.all([this.limiters.curves.get(key), this.limiters.curves.get(lastAtKey(key))]);
    return { count: count?.consumedPoints ?? 0, lastAt: count ? (lastAt?.consumedPoints ?? 0) : 0 };
  }

  async bumpCurve(key: string, idleMs: number, now = Date.now()): Promise<Curve> {
    const customDuration = seconds(idleMs);
    const [res] = await Promise.all([
      this.limiters.curves.penalty(key, 1, { customDuration }),
      this.limiters.curves.set(lastAtKey(key), now, customDuration),
    ]);
    return { count: res.consumedPoints, lastAt: now };
  }

  /** A flag that holds for `ttlMs` (set again, it holds from then). */
  async mark(key: string, ttlMs: number, now = Date.now()): Promise<void> {
    if (this.localMarks) this.localMarks.set(key, now + ttlMs);
    else await this.limiters.counters.set(key, 1, seconds(ttlMs));
  }

  async isMarked(key: string, now = Date.now()): Promise<boolean> {
    if (!this.localMarks) return (await this.limiters.counters.get(key)) !== null;
    const expiresAt = this.localMarks.get(key);
    if (expiresAt !== undefined && expiresAt <= now) this.localMarks.delete(key);
    return expiresAt !== undefined && expiresAt > now;
  }

  async delete(...keys: string[]): Promise<void> {
    for (const key of keys) this.localMarks?.delete(key);
    await Promise.all(
      keys.flatMap((key) => [
        this.limiters.counters.delete(key),
        this.limiters.curves.delete(key),
        this.limiters.curves.delete(lastAtKey(key)),
      ]),
    );
  }
}
