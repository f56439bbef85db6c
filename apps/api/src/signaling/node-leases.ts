import { Logger, Provider } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RedisClient, RedisService } from '../redis/redis.service';
import type { GraceEntry } from './grace-deadlines';

/** A seat (or a lobby place) held by a socket of this process: what another process needs to give it up. */
export type HeldSeat = GraceEntry;

type OnOrphaned = (seat: HeldSeat) => Promise<void>;
/** Sockets still open here whose seats another process dropped while this one's lease had lapsed. */
type OnLost = (socketIds: string[]) => void;

/**
 * How a process's lease is kept, from LEASE_MS (the longest a killed process's seats stay
 * "connected"): the key lives for three quarters of it and is renewed every quarter (two renewals
 * may be missed, say a long pause of the event loop, before the lease is lost), and every process
 * looks for lapsed leases every quarter. A process killed just after renewing is noticed at most
 * ttl + sweep = LEASE_MS later.
 */
export function leaseTimings(leaseMs: number): { ttlMs: number; renewMs: number; sweepMs: number } {
  const quarter = Math.max(50, Math.floor(leaseMs / 4));
  return { ttlMs: leaseMs - quarter, renewMs: quarter, sweepMs: quarter };
}

/**
 * The seats held by this process's sockets, as a lease the process renews. A process that stops
 * renewing (SIGKILL, a crash, a frozen machine) cannot drop its seats itself: any other process,
 * seeing its lease gone, drops them for it, through the same path as a socket that disconnected
 * (the peers hear `peer-reconnecting`, then `peer-left` when the grace ends).
 */
export interface NodeLeases {
  /**
   * Takes the lease and starts renewing it and looking for other processes' lapsed leases.
   * `onOrphaned` drops a seat of a lapsed process; `onLost` hears of this process's own seats
   * dropped by the others while its lease had lapsed (a pause longer than the lease), so that
   * their sockets can reconnect and take them back.
   */
  start(onOrphaned: OnOrphaned, onLost?: OnLost): Promise<void>;
  /** The socket holds a seat (or a lobby place) here: one write per join, none per message. */
  hold(seat: HeldSeat): Promise<void>;
  /** The socket gave its seat up (left, dropped, moved away). */
  release(socketId: string): Promise<void>;
  /** Stops renewing and gives the lease back: whatever is still held is dropped by another process. */
  stop(): Promise<void>;
}

/** One process, no Redis: its seats die with it, and there is nobody to tell. */
export class MemoryNodeLeases implements NodeLeases {
  async start(): Promise<void> {}
  async hold(): Promise<void> {}
  async release(): Promise<void> {}
  async stop(): Promise<void> {}
}

// KEYS: the lapsed process's lease, its seats, the seats taken from it. ARGV: the socket id, how long the taken are remembered.
// The claim: one process removes the seat and drops it, and only while the lease is still gone
// (a process that was only slow, and renewed meanwhile, keeps the seats it has not lost yet).
// The seat is remembered as taken, for that slow process to hear of it.
const CLAIM = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
if redis.call('HDEL', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('PEXPIRE', KEYS[3], ARGV[2])
return 1`;
/** How long a process that was only slow has to learn which of its seats were taken. */
const TAKEN_TTL_MS = 60 * 60 * 1000;
// KEYS: the process list, the lapsed process's lease, its seats. ARGV: its id.
const FORGET = `
if redis.call('EXISTS', KEYS[2]) == 1 or redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
return redis.call('SREM', KEYS[1], ARGV[1])`;

/** Seats claimed and dropped at once: a process that held thousands is emptied in batches. */
const SWEEP_BATCH = 100;

/**
 * With Redis: `<prefix>node:<id>`, this process's lease (a key with a TTL it renews); beside it
 * `<prefix>node-seats:<id>`, a hash of its seats by socket id; and `<prefix>nodes`, the processes
 * that may hold seats. One lease per process, not per seat: renewing costs one command however
 * many sockets the process holds.
 */
export class RedisNodeLeases implements NodeLeases {
  private readonly logger = new Logger('NodeLeases');
  readonly nodeId = randomUUID();
  private readonly timings: ReturnType<typeof leaseTimings>;
  private renewer: NodeJS.Timeout | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private sweeping = false;
  private held = false;
  private stopped = false;
  private onOrphaned: OnOrphaned = async () => undefined;
  private onLost: OnLost = () => undefined;
  /** The seats this process holds, by socket id (its hash as it last wrote it; the memberships are the sockets' own). */
  private readonly local = new Map<string, HeldSeat>();

  constructor(
    private readonly redis: RedisClient,
    leaseMs: number,
    private readonly prefix = 'telehealth:',
  ) {
    this.timings = leaseTimings(leaseMs);
  }

  async start(onOrphaned: OnOrphaned, onLost: OnLost = () => undefined): Promise<void> {
    this.onOrphaned = onOrphaned;
    this.onLost = onLost;
    this.renewer = setInterval(
      () => void this.renew().catch((error) => this.logger.warn(`renewal: ${String(error)}`)),
      this.timings.renewMs,
    );
    this.renewer.unref();
    this.sweeper = setInterval(() => void this.sweep().catch((error) => this.logger.warn(`sweep: ${String(error)}`)), this.timings.sweepMs);
    this.sweeper.unref();
    await this.renew().catch((error) => this.logger.warn(`lease not taken yet: ${String(error)}`));
  }

  async hold(seat: HeldSeat): Promise<void> {
    this.local.set(seat.socketId, seat);
    await this.redis.hSet(this.seatsKey(this.nodeId), seat.socketId, JSON.stringify(seat));
  }

  async release(socketId: string): Promise<void> {
    this.local.delete(socketId);
    await this.redis.hDel(this.seatsKey(this.nodeId), socketId);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.renewer) clearInterval(this.renewer);
    if (this.sweeper) clearInterval(this.sweeper);
    // Given back at once, not when it lapses: a seat a drain could not drop is dropped by another process now.
    if (this.redis.isReady) await this.redis.del(this.leaseKey(this.nodeId)).catch(() => undefined);
  }

  /** Renews the lease; a lease found lapsed (a pause longer than the TTL) is taken again, and said. */
  async renew(): Promise<void> {
    if (this.stopped) return;
    const lease = this.leaseKey(this.nodeId);
    const kept = await this.redis.set(lease, '1', { expiration: { type: 'PX', value: this.timings.ttlMs }, condition: 'XX' });
    if (kept === 'OK') return;
    const lapsed = this.held;
    // The lease first, then the listing: a process is never listed without a lease it could lose.
    await this.redis.set(lease, '1', { expiration: { type: 'PX', value: this.timings.ttlMs } });
    await this.redis.sAdd(this.nodesKey(), this.nodeId);
    this.held = true;
    if (!lapsed) return;
    this.logger.warn(`lease of process ${this.nodeId} had lapsed: other processes may have dropped some of its seats`);
    // No claim succeeds now that the lease is back; a sweep that claimed a seat just before finishes its drop first.
    setTimeout(
      () => void this.reclaim().catch((error) => this.logger.warn(`lapsed lease: ${String(error)}`)),
      this.timings.sweepMs,
    ).unref();
  }

  /**
   * After a lapse: tells of the local seats the others took meanwhile, and writes the rest back
   * under the lease (Redis may have lost them too: a restart without persistence).
   */
  async reclaim(): Promise<void> {
    if (this.stopped) return;
    const takenKey = this.takenKey(this.nodeId);
    const taken = await this.redis.sMembers(takenKey);
    if (taken.length > 0) await this.redis.del(takenKey);
    const lost = taken.filter((socketId) => this.local.delete(socketId));
    const kept = [...this.local.values()];
    for (let start = 0; start < kept.length; start += SWEEP_BATCH) {
      const batch = kept.slice(start, start + SWEEP_BATCH);
      await this.redis.hSet(this.seatsKey(this.nodeId), Object.fromEntries(batch.map((seat) => [seat.socketId, JSON.stringify(seat)])));
    }
    if (lost.length > 0) {
      this.logger.warn(`${lost.length} seat(s) of this process were dropped by others while its lease had lapsed`);
      this.onLost(lost);
    }
  }

  /** Drops the seats of every process whose lease lapsed; each seat is claimed by exactly one process. */
  async sweep(): Promise<void> {
    if (this.sweeping || this.stopped) return;
    this.sweeping = true;
    try {
      for (const node of await this.redis.sMembers(this.nodesKey())) {
        if (node === this.nodeId || (await this.redis.exists(this.leaseKey(node))) === 1) continue;
        await this.expire(node);
      }
    } finally {
      this.sweeping = false;
    }
  }

  private async expire(node: string): Promise<void> {
    const lease = this.leaseKey(node);
    const seats = this.seatsKey(node);
    let dropped = 0;
    for await (const batch of this.redis.hScanIterator(seats, { COUNT: SWEEP_BATCH })) {
      const outcomes = await Promise.all(
        batch.map(async ({ field, value }) => {
          const claim = { keys: [lease, seats, this.takenKey(node)], arguments: [field, String(TAKEN_TTL_MS)] };
          if ((await this.redis.eval(CLAIM, claim)) !== 1) return 0;
          await this.onOrphaned(JSON.parse(value) as HeldSeat).catch((error: unknown) =>
            this.logger.error(`seat of socket ${field} (process ${node}) not dropped: ${String(error)}`),
          );
          return 1;
        }),
      );
      dropped += outcomes.reduce<number>((sum, one) => sum + one, 0);
    }
    if (dropped > 0) this.logger.warn(`process ${node} stopped renewing its lease: dropped ${dropped} of its seat(s)`);
    await this.redis.eval(FORGET, { keys: [this.nodesKey(), lease, seats], arguments: [node] });
  }

  private leaseKey(node: string): string {
    return `${this.prefix}node:${node}`;
  }

  private seatsKey(node: string): string {
    return `${this.prefix}node-seats:${node}`;
  }

  private takenKey(node: string): string {
    return `${this.prefix}node-taken:${node}`;
  }

  private nodesKey(): string {
    return `${this.prefix}nodes`;
  }
}

/** The Nest token of this process's NodeLeases: in Redis when REDIS_URL is set. */
export const NODE_LEASES = Symbol('NODE_LEASES');

export const nodeLeasesProvider: Provider = {
  provide: NODE_LEASES,
  inject: [RedisService, APP_CONFIG],
  useFactory: (redis: RedisService, config: AppConfig): NodeLeases =>
    redis.client ? new RedisNodeLeases(redis.client, config.LEASE_MS, redis.keyPrefix) : new MemoryNodeLeases(),
};
