import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import type { RedisClient } from '../redis/redis.service';
import { MemorySocketRegistry, RedisSocketRegistry } from './socket-registry';

describe(RedisSocketRegistry.name, () => {
  const redis: RedisClient = createClient({ url: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' });
  const prefix = `test-${randomUUID()}:`;

  beforeAll(() => redis.connect());
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(keys);
    await redis.quit();
  });

  it('stops counting the sockets of a process that died, and keeps one slot for a socket recovered elsewhere', async () => {
    const crashed = new RedisSocketRegistry(redis, prefix);
    const sut = new RedisSocketRegistry(redis, prefix);
    await crashed.start();
    await sut.start();
    const user = randomUUID();
    for (const socket of ['s1', 's2', 's3']) expect(await crashed.admit(user, socket, 3, 0)).toBe('ok');
    expect(await sut.admit(user, 's4', 3, 0)).toBe('full');
    // s1 comes back on the other process (connection-state recovery keeps its id): same slot.
    expect(await sut.admit(user, 's1', 3, 0)).toBe('ok');

    await crashed.stop(); // its heartbeat key gone, as NODE_TTL_MS after a crash
    expect(await sut.admit(user, 's5', 3, 0)).toBe('ok');
    expect(await sut.admit(user, 's6', 3, 0)).toBe('ok');
    expect(await sut.admit(user, 's7', 3, 0)).toBe('full');
    await sut.release(user, 's5');
    expect(await sut.admit(user, 's7', 3, 0)).toBe('ok');
    await sut.stop();
  });

  it('refuses sockets of sign-in sessions that began before a revocation, not later ones', async () => {
    const sut = new RedisSocketRegistry(redis, prefix);
    await sut.start();
    const user = randomUUID();
    await sut.revoke(user, 1_000, 60_000);
    expect(await sut.admit(user, 'old', 5, 999)).toBe('revoked');
    expect(await sut.admit(user, 'same-instant', 5, 1_000)).toBe('revoked');
    expect(await sut.admit(user, 'new', 5, 1_001)).toBe('ok');
    expect(await sut.revokedSince(user, 500)).toBe(true);
    expect(await sut.revokedSince(user, 2_000)).toBe(false);
    await sut.stop();
  });
});

describe(MemorySocketRegistry.name, () => {
  it('caps, frees and remembers revocations like the Redis one', async () => {
    const sut = new MemorySocketRegistry();
    expect(await sut.admit('u', 'a', 2, 0)).toBe('ok');
    expect(await sut.admit('u', 'b', 2, 0)).toBe('ok');
    expect(await sut.admit('u', 'c', 2, 0)).toBe('full');
    expect(await sut.admit('u', 'a', 2, 0)).toBe('ok');
    await sut.release('u', 'b');
    expect(await sut.admit('u', 'c', 2, 0)).toBe('ok');
    await sut.revoke('u', 100, 60_000);
    expect(await sut.admit('u', 'd', 5, 50)).toBe('revoked');
    expect(await sut.admit('u', 'd', 5, 150)).toBe('ok');
  });

  it('counts an account down to its last socket and back up', async () => {
    const sut = new MemorySocketRegistry();
    expect(await sut.admit('u', 'a', 1, 0)).toBe('ok');
    expect(await sut.admit('u', 'a', 1, 0)).toBe('ok');
    expect(await sut.admit('u', 'b', 1, 0)).toBe('full');
    expect(await sut.admit('u', 'b', 2, 0)).toBe('ok');
    await sut.release('u', 'a');
    expect(await sut.admit('u', 'c', 1, 0)).toBe('full');
    await sut.release('u', 'b');
    expect(await sut.admit('u', 'c', 1, 0)).toBe('ok');
    await sut.release('u', 'c');
    await sut.release('u', 'c');
    expect(await sut.admit('u', 'd', 2, 0)).toBe('ok');
    expect(await sut.admit('u', 'e', 2, 0)).toBe('ok');
    expect(await sut.admit('u', 'f', 2, 0)).toBe('full');
  });
});
