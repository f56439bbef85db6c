import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import type { OutboxMessageInput } from './mail-message';
import { OutboxRepository } from './outbox.repository';

/** The one way to send an email: write it to the outbox with the change that causes it. */
@Injectable()
export class OutboxService {
  constructor(private readonly outbox: OutboxRepository) {}

  /**
   * Writes `message` in the caller's transaction `tx`: it is sent (by an outbox worker on any
   * API process) only if that transaction commits. Returns the message id, or null when a message
   * with the same `dedupeKey` was written before (nothing is written again).
   */
  enqueue(tx: Prisma.TransactionClient, message: OutboxMessageInput): Promise<string | null> {
    return this.outbox.insert(tx, message);
  }
}
