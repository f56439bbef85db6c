import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { RedisService } from '../redis/redis.service';
import { ThrottleStore } from './throttle-store';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function redisService(url: string | undefined): RedisService {
  return new RedisService({ REDIS_URL: url, REDIS_KEY_PREFIX: `telehealth-test:${randomUUID().slice(0, 8)}:` } as AppConfig);
}

describe.each([
  ['in memory', undefined],
  ['in Redis', REDIS_URL],
])(`${ThrottleStore.name} %s`, (_where, url) => {
  let redis: RedisService;
  let sut: ThrottleStore;

  beforeAll(async () => {
    redis = redisService(url);
    await redis.onModuleInit();
    sut = new ThrottleStore(redis);
  });
  afterAll(() => redis.onModuleDestroy());

  it('counts in a window that starts at the first increment, and takes an increment back', async () => {
    const now = Date.now();
    expect(await sut.read('pair')).toEqual({ count: 0, resetAt: expect.any(Number) });
    expect(await sut.increment('pair', 60_000, now)).toEqual({ count: 1, resetAt: expect.any(Number) });
    const second = await sut.increment('pair', 60_000, now);
    expect(second.count).toBe(2);
    expect(second.resetAt - now).toBeGreaterThan(55_000);
    expect(second.resetAt - now).toBeLessThanOrEqual(60_000);
    await sut.decrement('pair', now);
    expect((await sut.read('pair', now)).count).toBe(1);
    await sut.decrement('pair', now);
    await sut.decrement('pair', now);
    expect((await sut.read('pair', now)).count).toBe(0);
  });

  it('keeps a curve with the time of its last bump, and forgets it on delete', async () => {
    await sut.bumpCurve('account', 3_600_000, 1_000);
    expect(await sut.bumpCurve('account', 3_600_000, 2_000)).toEqual({ count: 2, lastAt: 2_000 });
    expect(await sut.readCurve('account')).toEqual({ count: 2, lastAt: 2_000 });
    await sut.delete('account');
    expect(await sut.readCurve('account')).toEqual({ count: 0, lastAt: 0 });
  });

  it('holds a mark for its time', async () => {
    expect(await sut.isMarked('known')).toBe(false);
    await sut.mark('known', 60_000);
    expect(await sut.isMarked('known')).toBe(true);
    await sut.delete('known');
    expect(await sut.isMarked('known')).toBe(false);
  });

  it('lets a window run out', async () => {
    await sut.increment('short', 1_000);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await sut.read('short')).count).toBe(0);
  });
});

describe(`${ThrottleStore.name} across processes`, () => {
  it('shares counts between two stores on one Redis, under the deployment prefix', async () => {
    const one = redisService(REDIS_URL);
    const two = new RedisService({ REDIS_URL, REDIS_KEY_PREFIX: one.keyPrefix } as AppConfig);
    await Promise.all([one.onModuleInit(), two.onModuleInit()]);
    try {
      await new ThrottleStore(one).increment('register:address:10.0.0.1', 60_000);
      expect((await new ThrottleStore(two).increment('register:address:10.0.0.1', 60_000)).count).toBe(2);
      expect(await one.client!.get(`${one.keyPrefix}throttle:register:address:10.0.0.1`)).toBe('2');
    } finally {
      await Promise.all([one.onModuleDestroy(), two.onModuleDestroy()]);
    }
  });
});
