import { retryOnDeadlock } from './database-errors';

// The shape a driver-adapter error has when PostgreSQL answered with a SQLSTATE.
const failure = (sqlState: string) => Object.assign(new Error('write failed'), { cause: { originalCode: sqlState } });

describe(retryOnDeadlock.name, () => {
  it('tries a write PostgreSQL aborted to break a deadlock again, and returns its result', async () => {
    let calls = 0;
    const result = await retryOnDeadlock(async () => {
      calls++;
      if (calls < 3) throw failure('40P01');
      return 'booked';
    });
    expect({ result, calls }).toEqual({ result: 'booked', calls: 3 });
  });

  it('does not repeat any other failure, such as a slot already taken', async () => {
    let calls = 0;
    const write = async () => {
      calls++;
      throw failure('23P01');
    };
    await expect(retryOnDeadlock(write)).rejects.toThrow('write failed');
    expect(calls).toBe(1);
  });

  it('gives up after the last attempt', async () => {
    let calls = 0;
    const write = async () => {
      calls++;
      throw failure('40P01');
    };
    await expect(retryOnDeadlock(write, 3)).rejects.toThrow('write failed');
    expect(calls).toBe(3);
  });
});
