import { Injectable } from '@nestjs/common';
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

interface LocalEntry {
  count: number;
  lastAt: number;
  expiresAt: number;
}

// Past this many keys, expired in-memory entries are swept, so a spray of addresses cannot grow it forever.
const LOCAL_SWEEP_AT = 10_000;

/**
 * Counters for sign-in and registration limits. With Redis they are shared by every API
 * process (spreading guesses over replicas gains nothing); without it, or while Redis is
 * down, they live in this process, as the single-process setup runs.
 */
@Injectable()
export class ThrottleStore {
  private readonly local = new Map<string, LocalEntry>();

  constructor(private readonly redis: RedisService) {}

  private get client() {
    return this.redis.client?.isReady ? this.redis.client : undefined;
  }

  private redisKey(key: string): string {
    return `${this.redis.keyPrefix}throttle:${key}`;
  }

  private localEntry(key: string, now: number): LocalEntry | undefined {
    const entry = this.local.get(key);
    if (entry && entry.expiresAt <= now) {
      this.local.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(now: number): void {
    if (this.local.size < LOCAL_SWEEP_AT) return;
    for (const [key, entry] of this.local) if (entry.expiresAt <= now) this.local.delete(key);
  }

  /** A fixed-window count: the window starts at the first increment. */
  async read(key: string, now = Date.now()): Promise<Counter> {
    const client = this.client;
    if (client) {
      const [count, ttl] = await Promise.all([client.get(this.redisKey(key)), client.pTTL(this.redisKey(key))]);
      return { count: Number(count ?? 0), resetAt: now + Math.max(0, Number(ttl)) };
    }
    const entry = this.localEntry(key, now);
    return entry ? { count: entry.count, resetAt: entry.expiresAt } : { count: 0, resetAt: now };
  }

  async increment(key: string, windowMs: number, now = Date.now()): Promise<Counter> {
    const client = this.client;
    if (client) {
      const redisKey = this.redisKey(key);
      const count = await client.incr(redisKey);
      if (count === 1) await client.pExpire(redisKey, windowMs);
      const ttl = count === 1 ? windowMs : Number(await client.pTTL(redisKey));
      return { count, resetAt: now + Math.max(0, ttl) };
    }
    this.sweep(now);
    const entry = this.localEntry(key, now);
    if (!entry) {
      this.local.set(key, { count: 1, lastAt: now, expiresAt: now + windowMs });
      return { count: 1, resetAt: now + windowMs };
    }
    entry.count += 1;
    return { count: entry.count, resetAt: entry.expiresAt };
  }

  /** Takes back one increment (an attempt that turned out not to count); never below zero. */
  async decrement(key: string, now = Date.now()): Promise<void> {
    const client = this.client;
    if (client) {
      const redisKey = this.redisKey(key);
      const count = await client.decr(redisKey);
      if (count <= 0) await client.del(redisKey);
      return;
    }
    const entry = this.localEntry(key, now);
    if (entry) entry.count = Math.max(0, entry.count - 1);
  }

  /** A count that is forgotten `idleMs` after its last increment, with the time of that increment. */
  async readCurve(key: string, now = Date.now()): Promise<Curve> {
    const client = this.client;
    if (client) {
      const fields = await client.hGetAll(this.redisKey(key));
      return { count: Number(fields.count ?? 0), lastAt: Number(fields.lastAt ?? 0) };
    }
    const entry = this.localEntry(key, now);
    return entry ? { count: entry.count, lastAt: entry.lastAt } : { count: 0, lastAt: 0 };
  }

  async bumpCurve(key: string, idleMs: number, now = Date.now()): Promise<Curve> {
    const client = this.client;
    if (client) {
      const redisKey = this.redisKey(key);
      const [count] = await client
        .multi()
        .hIncrBy(redisKey, 'count', 1)
        .hSet(redisKey, 'lastAt', String(now))
        .pExpire(redisKey, idleMs)
        .exec();
      return { count: Number(count), lastAt: now };
    }
    this.sweep(now);
    const entry = this.localEntry(key, now);
    const next = { count: (entry?.count ?? 0) + 1, lastAt: now, expiresAt: now + idleMs };
    this.local.set(key, next);
    return { count: next.count, lastAt: now };
  }

  /** A flag that holds for `ttlMs` (set again, it holds from then). */
  async mark(key: string, ttlMs: number, now = Date.now()): Promise<void> {
    const client = this.client;
    if (client) {
      await client.set(this.redisKey(key), '1', { expiration: { type: 'PX', value: ttlMs } });
      return;
    }
    this.sweep(now);
    this.local.set(key, { count: 1, lastAt: now, expiresAt: now + ttlMs });
  }

  async isMarked(key: string, now = Date.now()): Promise<boolean> {
    const client = this.client;
    if (client) return (await client.exists(this.redisKey(key))) === 1;
    return this.localEntry(key, now) !== undefined;
  }

  async delete(...keys: string[]): Promise<void> {
    for (const key of keys) this.local.delete(key);
    const client = this.client;
    if (client) await client.del(keys.map((key) => this.redisKey(key)));
  }
}
