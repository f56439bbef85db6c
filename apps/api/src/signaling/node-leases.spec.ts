import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import type { RedisClient } from '../redis/redis.service';
import type { Membership } from './membership';
import { HeldSeat, leaseTimings, RedisNodeLeases } from './node-leases';

describe(leaseTimings.name, () => {
  it('notices a process killed right after renewing within LEASE_MS: the key lives 3/4 of it, sweeps come every 1/4', () => {
    expect(leaseTimings(10_000)).toEqual({ ttlMs: 7_500, renewMs: 2_500, sweepMs: 2_500 });
    for (const leaseMs of [200, 1_000, 1_500, 10_000, 600_000]) {
      const { ttlMs, renewMs, sweepMs } = leaseTimings(leaseMs);
      expect(ttlMs + sweepMs).toBeLessThanOrEqual(leaseMs);
      // Two renewals may be missed (a long pause) before the lease lapses.
      expect(ttlMs).toBeGreaterThanOrEqual(2 * renewMs);
    }
  });
});

describe(RedisNodeLeases.name, () => {
  const redis: RedisClient = createClient({ url: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' });
  const run = `test-${randomUUID()}:`;
  // Each test is a deployment of its own: what one leaves held is not another's to sweep.
  let prefix = run;
  beforeEach(() => {
    prefix = `${run}${randomUUID().slice(0, 8)}:`;
  });
  const seat = (socketId: string): HeldSeat => ({ membership: { roomId: 'room-1' } as Membership, userId: `user-${socketId}`, socketId });

  beforeAll(() => redis.connect());
  afterAll(async () => {
    const keys = await redis.keys(`${run}*`);
    if (keys.length > 0) await redis.del(keys);
    await redis.quit();
  });

  it('drops the seats of a process whose lease lapsed, each once across the processes, and keeps those released or of a live process', async () => {
    const killed = new RedisNodeLeases(redis, 60_000, prefix);
    const alive = new RedisNodeLeases(redis, 60_000, prefix);
    const first: HeldSeat[] = [];
    const second: HeldSeat[] = [];
    const third = new RedisNodeLeases(redis, 60_000, prefix);
    await killed.start(async () => undefined);
    await alive.start(async (orphan) => void first.push(orphan));
    await third.start(async (orphan) => void second.push(orphan));
    try {
      await killed.hold(seat('s1'));
      await killed.hold(seat('s2'));
      await killed.hold(seat('s3'));
      await killed.release('s2');
      await alive.hold(seat('s9'));

      // Nothing lapsed yet: nothing dropped.
      await Promise.all([alive.sweep(), third.sweep()]);
      expect([...first, ...second]).toEqual([]);

      // The killed process's lease lapses (a SIGKILL: no renewal, no goodbye).
      await redis.del(`${prefix}node:${killed.nodeId}`);
      await Promise.all([alive.sweep(), third.sweep()]);
      const dropped = [...first, ...second].map((orphan) => orphan.socketId).sort();
      expect(dropped).toEqual(['s1', 's3']);
      expect([...first, ...second].find((orphan) => orphan.socketId === 's1')).toEqual(seat('s1'));

      // The killed process is forgotten; another sweep drops nothing more.
      expect(await redis.sIsMember(`${prefix}nodes`, killed.nodeId)).toBe(0);
      await Promise.all([alive.sweep(), third.sweep()]);
      expect(first.length + second.length).toBe(2);
    } finally {
      await Promise.all([killed.stop(), alive.stop(), third.stop()]);
    }
  });

  it('leaves the seats of a process that renewed its lapsed lease before a sweep', async () => {
    const slow = new RedisNodeLeases(redis, 60_000, prefix);
    const other = new RedisNodeLeases(redis, 60_000, prefix);
    const dropped: HeldSeat[] = [];
    await slow.start(async () => undefined);
    await other.start(async (orphan) => void dropped.push(orphan));
    try {
      await slow.hold(seat('slow-1'));
      await redis.del(`${prefix}node:${slow.nodeId}`);
      await slow.renew();
      await other.sweep();
      expect(dropped).toEqual([]);
    } finally {
      await Promise.all([slow.stop(), other.stop()]);
    }
  });

  it('tells a process that was only slow which of its seats the others took, so their sockets reconnect', async () => {
    const slow = new RedisNodeLeases(redis, 60_000, prefix);
    const other = new RedisNodeLeases(redis, 60_000, prefix);
    const lost: string[][] = [];
    await slow.start(
      async () => undefined,
      (socketIds) => void lost.push(socketIds),
    );
    await other.start(async () => undefined);
    try {
      await slow.hold(seat('taken-1'));
      await slow.hold(seat('taken-2'));
      await redis.del(`${prefix}node:${slow.nodeId}`);
      await other.sweep();
      await slow.hold(seat('after'));
      await slow.renew();
      await slow.reclaim();
      expect(lost.map((ids) => [...ids].sort())).toEqual([['taken-1', 'taken-2']]);
      expect(await redis.hKeys(`${prefix}node-seats:${slow.nodeId}`)).toEqual(['after']);
    } finally {
      await Promise.all([slow.stop(), other.stop()]);
    }
  });

  it('writes its seats back after Redis lost them (a restart without persistence), and closes no socket for it', async () => {
    const sut = new RedisNodeLeases(redis, 60_000, prefix);
    const lost: string[][] = [];
    await sut.start(
      async () => undefined,
      (socketIds) => void lost.push(socketIds),
    );
    try {
      await sut.hold(seat('kept-1'));
      await sut.hold(seat('kept-2'));
      await redis.del([`${prefix}node:${sut.nodeId}`, `${prefix}node-seats:${sut.nodeId}`, `${prefix}nodes`]);
      await sut.renew();
      await sut.reclaim();
      expect(lost).toEqual([]);
      expect((await redis.hKeys(`${prefix}node-seats:${sut.nodeId}`)).sort()).toEqual(['kept-1', 'kept-2']);
      expect(await redis.sIsMember(`${prefix}nodes`, sut.nodeId)).toBe(1);
    } finally {
      await sut.stop();
    }
  });

  it('gives its lease back when stopped: what it still held is dropped by the others at once', async () => {
    const stopping = new RedisNodeLeases(redis, 60_000, prefix);
    const other = new RedisNodeLeases(redis, 60_000, prefix);
    const dropped: HeldSeat[] = [];
    await stopping.start(async () => undefined);
    await other.start(async (orphan) => void dropped.push(orphan));
    try {
      await stopping.hold(seat('left-behind'));
      await stopping.stop();
      await other.sweep();
      expect(dropped.map((orphan) => orphan.socketId)).toEqual(['left-behind']);
    } finally {
      await other.stop();
    }
  });
});
