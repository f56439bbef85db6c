import { decideRetry, describeSmtpError, retryDelayMs } from './outbox-retry';

const policy = { maxAttempts: 5, baseMs: 1000, maxMs: 8000 };

describe(retryDelayMs.name, () => {
  it('doubles the wait after each failure up to the cap', () => {
    const sut = (attempts: number) => retryDelayMs(attempts, policy, () => 0.5);
    expect([1, 2, 3, 4, 5, 6].map(sut)).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('spreads senders out by at most a fifth either way, never past the cap', () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(800);
    expect(retryDelayMs(1, policy, () => 1)).toBe(1200);
    expect(retryDelayMs(9, policy, () => 1)).toBe(8000);
  });
});

describe(decideRetry.name, () => {
  const now = Date.parse('2026-12-02T10:00:00Z');

  it('retries a temporary refusal until the last attempt', () => {
    const refusal = { responseCode: 451, response: '451 try again later' };
    expect(decideRetry(refusal, 1, policy, now).retryAt?.getTime()).toBeGreaterThanOrEqual(now + 800);
    expect(decideRetry(refusal, 5, policy, now).retryAt).toBeNull();
  });

  it('gives up at once on a permanent refusal', () => {
    expect(decideRetry({ responseCode: 550 }, 1, policy, now).retryAt).toBeNull();
  });

  it('retries a connection error', () => {
    expect(decideRetry({ code: 'ECONNREFUSED' }, 1, policy, now).retryAt).not.toBeNull();
  });
});

describe(describeSmtpError.name, () => {
  it('keeps the server answer, or the connection error', () => {
    expect(describeSmtpError({ responseCode: 451, response: '451 4.3.0 later', message: 'Mail command failed' })).toBe('451 4.3.0 later');
    expect(describeSmtpError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:25' })).toBe(
      'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:25',
    );
  });
});
