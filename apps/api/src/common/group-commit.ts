/**
 * Group commit for small inserts on hot paths: while `maxInFlight` writes are under way, rows
 * that arrive wait and then go together in one statement (one round trip, one commit) instead
 * of queueing for connections one by one. An idle writer sends a row at once, so a lone
 * message is not delayed; a burst costs a few statements instead of thousands. Every caller
 * still learns the fate of its own row: nothing is acknowledged before it is stored.
 */
export class GroupCommit<Row, Result> {
  private queue: Array<{ row: Row; resolve: (result: Result) => void; reject: (error: unknown) => void }> = [];
  private inFlight = 0;

  /** `write` stores the rows and returns one result per row, in the same order. */
  constructor(
    private readonly write: (rows: Row[]) => Promise<Result[]>,
    private readonly maxInFlight = 2,
    private readonly maxBatch = 500,
  ) {}

  add(row: Row): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      this.write(batch.map((entry) => entry.row))
        .then(
          (results) => batch.forEach((entry, index) => entry.resolve(results[index])),
          (error: unknown) => batch.forEach((entry) => entry.reject(error)),
        )
        .finally(() => {
          this.inFlight -= 1;
          this.pump();
        });
    }
  }
}
