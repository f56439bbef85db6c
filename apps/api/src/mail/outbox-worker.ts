import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MailSender } from './mail-sender';
import type { ClaimedMessage } from './mail-message';
import { decideRetry, describeSmtpError, RetryPolicy, smtpCode } from './outbox-retry';
import { OutboxRepository } from './outbox.repository';

/** Messages claimed per round; a full round is followed at once by the next. */
const BATCH_SIZE = 10;

/**
 * Sends the outbox, on every API process: claims due messages with a lease (SKIP LOCKED, so
 * processes never share one), sends them one by one while renewing the lease, and records the
 * SMTP answer, or schedules a retry with exponential backoff, or gives up after
 * OUTBOX_MAX_ATTEMPTS. Stops between messages on shutdown; a message it held is claimable again
 * when its lease runs out.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Outbox');
  /** Names this process's claims in the table (claimed_by). */
  readonly owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly policy: RetryPolicy;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private shuttingDown = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxRepository,
    private readonly sender: MailSender,
  ) {
    this.policy = { maxAttempts: config.OUTBOX_MAX_ATTEMPTS, baseMs: config.OUTBOX_RETRY_BASE_MS, maxMs: config.OUTBOX_RETRY_MAX_MS };
  }

  onApplicationBootstrap(): void {
    if (!this.config.OUTBOX_WORKER) return;
    if (this.sender.destination === 'none') {
      this.logger.warn('SMTP_URL is not set: emails wait in the outbox until it is');
      return;
    }
    if (this.sender.destination === 'files') this.logger.log(`SMTP_URL is not set: emails are written to ${this.sender.outboxDir}`);
    this.stopped = false;
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.shuttingDown = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One round: claims and sends what is due; returns how many messages it claimed. */
  async runOnce(): Promise<number> {
    const leaseMs = this.config.OUTBOX_LEASE_S * 1000;
    const claimed = await this.outbox.claim(this.owner, BATCH_SIZE, leaseMs);
    if (claimed.length === 0) return 0;
    const pending = new Set(claimed.map((message) => message.id));
    const renewal = setInterval(() => {
      this.outbox.renew([...pending], this.owner, leaseMs).catch(() => undefined);
    }, leaseMs / 3);
    try {
      for (const message of claimed) {
        // On shutdown the rest stay claimed until their lease ends, then another process sends them.
        if (this.shuttingDown) break;
        await this.deliver(message);
        pending.delete(message.id);
      }
    } finally {
      clearInterval(renewal);
    }
    return claimed.length;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .catch((error: unknown) => {
          this.logger.error(`outbox round failed: ${error instanceof Error ? error.message : String(error)}`);
          return 0;
        })
        .then((count) => this.schedule(count === BATCH_SIZE ? 0 : this.config.OUTBOX_POLL_MS));
    }, delayMs);
    this.timer.unref();
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    try {
      const { response } = await this.sender.send(message);
      await this.outbox.markSent(message.id, this.owner, response);
      this.logger.log(`email ${message.id} (${message.kind}) sent, attempt ${message.attempts}`);
    } catch (error) {
      const decision = decideRetry(error, message.attempts, this.policy);
      await this.outbox.markFailedAttempt(message.id, this.owner, describeSmtpError(error), decision.retryAt);
      const code = smtpCode(error) ?? (error as { code?: string }).code ?? 'error';
      const next = decision.retryAt ? `retry at ${decision.retryAt.toISOString()}` : 'FAILED, no more attempts';
      this.logger.warn(`email ${message.id} (${message.kind}) attempt ${message.attempts} refused (${code}): ${next}`);
    }
  }
}
