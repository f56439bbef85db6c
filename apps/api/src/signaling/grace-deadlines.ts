import { Logger, Provider } from '@nestjs/common';
import { RedisClient, RedisService } from '../redis/redis.service';
import type { Membership } from './membership';

/** A dropped seat whose reconnect grace ends at a deadline: then its peer is told it left. */
export interface GraceEntry {
  membership: Membership;
  userId: string;
  socketId: string;
}

type OnDue = (entry: GraceEntry) => Promise<void>;

/**
 * When the reconnect grace of dropped seats ends. In memory for one process; with Redis, the
 * deadlines are shared, so a seat dropped by a process that then stops (a deploy, a crash) still
 * expires: every process watches for overdue entries, and exactly one claims each.
 */
export interface GraceDeadlines {
  start(onDue: OnDue): void;
  schedule(entry: GraceEntry, dueAt: number): Promise<void>;
  /** Stops this process's timers; shared deadlines stay for the other processes. */
  stop(): void;
}

export class MemoryGraceDeadlines implements GraceDeadlines {
  private readonly logger = new Logger('GraceDeadlines');
  private readonly timers = new Set<NodeJS.Timeout>();
  private onDue: OnDue = async () => undefined;

  start(onDue: OnDue): void {
    this.onDue = onDue;
  }

  async schedule(entry: GraceEntry, dueAt: number): Promise<void> {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.onDue(entry).catch((error: unknown) => this.logger.error(`grace expiry: ${String(error)}`));
      },
      Math.max(0, dueAt - Date.now()),
    );
    this.timers.add(timer);
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

const POLL_MS = 1_000;
const POLL_BATCH = 50;

export class RedisGraceDeadlines implements GraceDeadlines {
  private readonly logger = new Logger('GraceDeadlines');
  private readonly key: string;
  private readonly local = new MemoryGraceDeadlines();
  private poller: NodeJS.Timeout | undefined;
  private onDue: OnDue = async () => undefined;

  constructor(
    private readonly redis: RedisClient,
    prefix = 'telehealth:',
  ) {
    this.key = `${prefix}grace-deadlines`;
  }

  start(onDue: OnDue): void {
    this.onDue = onDue;
    // On time while this process lives: its own timer claims the entry at the deadline.
    this.local.start((entry) => this.claim(JSON.stringify(entry)));
    // Late, but surely, when the process that scheduled it is gone: whoever polls first claims it.
    this.poller = setInterval(() => void this.claimOverdue().catch((error) => this.logger.warn(`poll: ${String(error)}`)), POLL_MS);
    this.poller.unref();
  }

  async schedule(entry: GraceEntry, dueAt: number): Promise<void> {
    await this.redis.zAdd(this.key, { score: dueAt, value: JSON.stringify(entry) });
    await this.local.schedule(entry, dueAt);
  }

  stop(): void {
    if (this.poller) clearInterval(this.poller);
    this.local.stop();
  }

  private async claimOverdue(): Promise<void> {
    const overdue = await this.redis.zRangeByScore(this.key, 0, Date.now(), { LIMIT: { offset: 0, count: POLL_BATCH } });
    for (const member of overdue) await this.claim(member);
  }

  /** ZREM is the claim: of every process trying, one removes the entry and runs it. */
  private async claim(member: string): Promise<void> {
    if ((await this.redis.zRem(this.key, member)) === 1) await this.onDue(JSON.parse(member) as GraceEntry);
  }
}

/** The Nest token of the GraceDeadlines: shared through Redis when REDIS_URL is set. */
export const GRACE_DEADLINES = Symbol('GRACE_DEADLINES');

export const graceDeadlinesProvider: Provider = {
  provide: GRACE_DEADLINES,
  inject: [RedisService],
  useFactory: (redis: RedisService): GraceDeadlines =>
    redis.client ? new RedisGraceDeadlines(redis.client, redis.keyPrefix) : new MemoryGraceDeadlines(),
};
