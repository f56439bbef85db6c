/**
 * Group commit for small inserts (and reads by key) on hot paths: the rows that arrive in one
 * turn of the event loop go together in one statement (one round trip, one commit), and while
 * `maxInFlight` statements are under way, rows that arrive wait and then go together in the
 * next, instead of queueing for connections one by one. A lone row waits only for the end of
 * the turn (setImmediate), so it is not delayed; a burst costs a few statements instead of
 * thousands. That is most of the cost here: each PostgreSQL round trip costs the API about
 * 100 µs of CPU in its writev alone (bench/join.mjs profiles), and a turn that handles a dozen
 * socket messages or query results makes a dozen rows. Every caller still learns the fate of
 * its own row: nothing is acknowledged before it is stored.
 *
 * One row never costs the others: when a statement of several rows fails and `retryAlone`
 * says the error may belong to one row (a bad value, not a lost connection), every row of it
 * is written again on its own, so only the row at fault is refused and only its caller told.
 */
export class GroupCommit<Row, Result> {
  private queue: Array<{ row: Row; resolve: (result: Result) => void; reject: (error: unknown) => void }> = [];
  private inFlight = 0;
  private gathering = false;

  /** `write` stores the rows and returns one result per row, in the same order. */
  constructor(
    private readonly write: (rows: Row[]) => Promise<Result[]>,
    private readonly maxInFlight = 2,
    private readonly maxBatch = 500,
    private readonly retryAlone: (error: unknown) => boolean = () => true,
  ) {}

  add(row: Row): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (this.gathering) return;
      this.gathering = true;
      setImmediate(() => {
        this.gathering = false;
        this.pump();
      });
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      this.write(batch.map((entry) => entry.row))
        .then(
          // `write` returns one result per row, in the same order.
          (results) => batch.forEach((entry, index) => entry.resolve(results[index]!)),
          (error: unknown) =>
            batch.length > 1 && this.retryAlone(error) ? this.writeEachAlone(batch) : batch.forEach((entry) => entry.reject(error)),
        )
        .finally(() => {
          this.inFlight -= 1;
          this.pump();
        });
    }
  }

  private async writeEachAlone(
    batch: Array<{ row: Row; resolve: (result: Result) => void; reject: (error: unknown) => void }>,
  ): Promise<void> {
    for (const entry of batch) {
      await this.write([entry.row]).then(
        // `write` returns one result per row: one here.
        (results) => entry.resolve(results[0]!),
        (error: unknown) => entry.reject(error),
      );
    }
  }
}

/**
 * A grouped read's answer in its callers' order: for each key, the row that has it (undefined
 * where none does), as a GroupCommit `write` that reads by key must return.
 */
export function inKeyOrder<Key, Row>(keys: Key[], rows: Row[], keyOf: (row: Row) => Key): Array<Row | undefined> {
  const found = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key));
}
