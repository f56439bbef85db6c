import { SocketRateLimiter } from './rate-limiter';

describe(SocketRateLimiter.name, () => {
  it('allows a burst, refuses beyond it, refills over time and calls a sustained excess a flood', () => {
    let now = 0;
    const sut = new SocketRateLimiter(10, 3, 4, () => now);
    expect([sut.take(), sut.take(), sut.take()]).toEqual(['ok', 'ok', 'ok']);
    expect(sut.take()).toBe('limited');
    now += 100;
    expect(sut.take()).toBe('ok');
    expect([sut.take(), sut.take(), sut.take(), sut.take()]).toEqual(['limited', 'limited', 'limited', 'flood']);
  });
});
