import type { Provider } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RedisClient, RedisService } from '../redis/redis.service';

/**
 * Small JSON states (a room's seats, a doctor's waiting list) changed atomically by key.
 * `update` runs `change` with no other update of the same key in between, in this
 * process (memory) or across every API process (Redis), so two joins of one room on two
 * nodes cannot both think they are alone.
 */
export interface StateStore {
  get<T>(key: string): Promise<T | undefined>;
  update<T>(key: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined>;
  /** Every state whose key starts with `keyPrefix`, in no particular order (for the admin's overview, not a hot path). */
  values<T>(keyPrefix: string): Promise<T[]>;
}

export class MemoryStateStore implements StateStore {
  private readonly states = new Map<string, unknown>();
  private readonly queues = new Map<string, Promise<unknown>>();

  async get<T>(key: string): Promise<T | undefined> {
    return this.states.get(key) as T | undefined;
  }

  async values<T>(keyPrefix: string): Promise<T[]> {
    return [...this.states.entries()].filter(([key]) => key.startsWith(keyPrefix)).map(([, value]) => value as T);
  }

  update<T>(key: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined> {
    const run = (this.queues.get(key) ?? Promise.resolve()).then(() => {
      const next = change(this.states.get(key) as T | undefined);
      if (next === undefined) this.states.delete(key);
      else this.states.set(key, next);
      return next;
    });
    const settled = run.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return run;
  }
}

// Writes the new state (or deletes it when empty) and releases the lock, only if the lock is still ours.
const COMMIT_AND_UNLOCK = `
if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('del', KEYS[2]) else redis.call('set', KEYS[2], ARGV[2], 'EX', ARGV[3]) end
redis.call('del', KEYS[1])
return 1`;
const RELEASE_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const LOCK_TTL_MS = 5_000;
const LOCK_WAIT_MS = 5_000;
// Room states outlive any visit; they expire rather than pile up.
const STATE_TTL_S = 24 * 3600;

export class RedisStateStore implements StateStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix = 'telehealth:',
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    const raw = await this.redis.get(this.prefix + key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  }

  async values<T>(keyPrefix: string): Promise<T[]> {
    const found: T[] = [];
    // SCAN, not KEYS: it does not block Redis for the other API processes while it walks the keyspace.
    for await (const keys of this.redis.scanIterator({ MATCH: `${this.prefix}${keyPrefix}*`, COUNT: 1000 })) {
      if (keys.length === 0) continue;
      for (const raw of await this.redis.mGet(keys)) if (raw) found.push(JSON.parse(raw) as T);
    }
    return found;
  }

  /**
   * Two round trips when uncontended (joins and leaves wait on them): the lock and the read
   * travel together (Redis runs them in order, so the read sees the state under the lock), and
   * the write and the release are one script, which refuses to write if the lock expired meanwhile.
   */
  async update<T>(key: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined> {
    const lockKey = `${this.prefix}lock:${key}`;
    const stateKey = this.prefix + key;
    const token = randomUUID();
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      const [locked, raw] = await Promise.all([this.redis.set(lockKey, token, { NX: true, PX: LOCK_TTL_MS }), this.redis.get(stateKey)]);
      if (locked === 'OK') {
        let next: T | undefined;
        try {
          next = change(raw ? (JSON.parse(raw) as T) : undefined);
        } catch (error) {
          await this.redis.eval(RELEASE_LOCK, { keys: [lockKey], arguments: [token] });
          throw error;
        }
        const written = await this.redis.eval(COMMIT_AND_UNLOCK, {
          keys: [lockKey, stateKey],
          arguments: [token, next === undefined ? '' : JSON.stringify(next), String(STATE_TTL_S)],
        });
        if (written !== 1) throw new Error(`state ${key}: the lock expired before the change was written`);
        return next;
      }
      if (Date.now() > deadline) throw new Error(`state ${key} stayed locked for ${LOCK_WAIT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 10));
    }
  }
}

/** The Nest token of the shared StateStore: Redis when REDIS_URL is set, else this process's memory. */
export const STATE_STORE = Symbol('STATE_STORE');

export const stateStoreProvider: Provider = {
  provide: STATE_STORE,
  inject: [RedisService],
  useFactory: (redis: RedisService): StateStore =>
    redis.client ? new RedisStateStore(redis.client, redis.keyPrefix) : new MemoryStateStore(),
};
