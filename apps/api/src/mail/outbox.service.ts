import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { isPlaceholderAddress, type OutboxMessageInput } from './mail-message';
import { OutboxRepository } from './outbox.repository';

/** The one way to send an email: write it to the outbox with the change that causes it. */
@Injectable()
export class OutboxService {
  constructor(private readonly outbox: OutboxRepository) {}

  /**
   * Writes `message` in the caller's transaction `tx`: it is sent (by an outbox worker on any
   * API process) only if that transaction commits. Returns the message id, or null when a message
   * with the same `dedupeKey` was written before (nothing is written again) or the recipient is a
   * placeholder address (nobody to write to: the doctor shares the link themselves).
   */
  enqueue(tx: Prisma.TransactionClient, message: OutboxMessageInput): Promise<string | null> {
    if (isPlaceholderAddress(message.to)) return Promise.resolve(null);
    return this.outbox.insert(tx, message);
  }
}
