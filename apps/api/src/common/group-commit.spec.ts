import { GroupCommit, inKeyOrder } from './group-commit';

/** One turn of the event loop: what GroupCommit gathers before it writes. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe(GroupCommit.name, () => {
  it('writes a lone row at the end of the turn, gathers the rows that arrive during a write into one statement, and answers each caller with its own result', async () => {
    const statements: string[][] = [];
    const pending: Array<() => void> = [];
    const writer = new GroupCommit<string, string>(
      (rows) =>
        new Promise((resolve) => {
          statements.push(rows);
          pending.push(() => resolve(rows.map((row) => `stored ${row}`)));
        }),
      1,
    );
    const first = writer.add('a');
    await turn();
    expect(statements).toEqual([['a']]);
    const later = ['b', 'c', 'd'].map((row) => writer.add(row));
    await turn();
    expect(statements).toHaveLength(1);
    pending.shift()!();
    await expect(first).resolves.toBe('stored a');
    expect(statements).toEqual([['a'], ['b', 'c', 'd']]);
    pending.shift()!();
    await expect(Promise.all(later)).resolves.toEqual(['stored b', 'stored c', 'stored d']);
  });

  it('writes the rows of one turn of the event loop in one statement, even when no write is under way', async () => {
    const statements: number[][] = [];
    const writer = new GroupCommit<number, number>(async (rows) => {
      statements.push(rows);
      return rows;
    }, 2);
    await expect(Promise.all([1, 2, 3].map((row) => writer.add(row)))).resolves.toEqual([1, 2, 3]);
    expect(statements).toEqual([[1, 2, 3]]);
  });

  it('tells every caller of a failed statement that its row was not stored, and keeps writing afterwards', async () => {
    let fail = true;
    const writer = new GroupCommit<number, number>(async (rows) => {
      if (fail) throw new Error('database unavailable');
      return rows.map((row) => row * 2);
    });
    await expect(writer.add(1)).rejects.toThrow('database unavailable');
    fail = false;
    await expect(writer.add(2)).resolves.toBe(4);
  });

  it('refuses only the row at fault when one row of a shared statement is bad, and tells only its caller', async () => {
    const statements: string[][] = [];
    const writer = new GroupCommit<string, string>(async (rows) => {
      statements.push(rows);
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (rows.includes('bad')) throw new Error('invalid byte sequence');
      return rows.map((row) => `stored ${row}`);
    }, 1);
    const results = await Promise.allSettled(['first', 'a', 'bad', 'b'].map((row) => writer.add(row)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(results[3]).toEqual({ status: 'fulfilled', value: 'stored b' });
    expect(statements).toEqual([['first', 'a', 'bad', 'b'], ['first'], ['a'], ['bad'], ['b']]);
  });

  it('does not retry row by row when the error is not about a row (a lost connection)', async () => {
    let calls = 0;
    const writer = new GroupCommit<number, number>(
      async () => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 1));
        throw new Error('connection refused');
      },
      1,
      500,
      () => false,
    );
    const results = await Promise.allSettled([1, 2, 3].map((row) => writer.add(row)));
    expect(results.every((result) => result.status === 'rejected')).toBe(true);
    // One statement for the three rows, not tried again row by row.
    expect(calls).toBe(1);
  });
});

describe(inKeyOrder.name, () => {
  it('answers each key with its row, in the order asked, a key asked twice twice, and undefined for a key no row has', () => {
    const rows = [
      { id: 'b', n: 2 },
      { id: 'a', n: 1 },
    ];
    expect(inKeyOrder(['a', 'c', 'b', 'a'], rows, (row) => row.id)).toEqual([rows[1], undefined, rows[0], rows[1]]);
  });
});
