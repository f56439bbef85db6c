import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import type { ClaimedMessage, OutboxMessageInput } from './mail-message';

const CLAIMED_COLUMNS = 'id, kind, recipient, subject, text, html, attachments, attempts';

/** The outbox table: written inside the caller's transaction, claimed and settled by the senders. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The new row's id, or null when a row with the same dedupe key exists (then nothing is written). */
  async insert(tx: Prisma.TransactionClient, message: OutboxMessageInput): Promise<string | null> {
    const attachments = (message.attachments ?? []).map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: Buffer.from(attachment.content).toString('base64'),
    }));
    // ON CONFLICT DO NOTHING: a duplicate must not abort the caller's transaction.
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO outbox_messages (id, kind, recipient, subject, text, html, attachments, dedupe_key)
      VALUES (gen_random_uuid(), ${message.kind}, ${message.to}, ${message.subject}, ${message.text}, ${message.html},
              ${JSON.stringify(attachments)}::jsonb, ${message.dedupeKey ?? null})
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id::text AS id`;
    return rows[0]?.id ?? null;
  }

  /**
   * Claims up to `limit` due messages for `owner` for `leaseMs`: pending ones whose time has come, and
   * ones in SENDING whose lease ran out (their sender died). One statement with SKIP LOCKED: two
   * senders never claim the same row. The attempt is counted here, so a message that kills its
   * sender still runs out of attempts.
   */
  async claim(owner: string, limit: number, leaseMs: number): Promise<ClaimedMessage[]> {
    // Returned (and so sent) in the order they were written: a booking's confirmation goes out
    // before its cancellation when both are due at once. UPDATE … RETURNING alone has no order.
    const { rows } = await this.prisma.sql.query<ClaimedMessage>(
      `WITH claimed AS (
         UPDATE outbox_messages m
            SET status = 'SENDING', claimed_by = $1, locked_until = now() + $3 * interval '1 millisecond', attempts = m.attempts + 1
          WHERE m.id IN (
            SELECT id FROM outbox_messages
             WHERE (status = 'PENDING' AND next_attempt_at <= now()) OR (status = 'SENDING' AND locked_until < now())
             ORDER BY next_attempt_at
             LIMIT $2
             FOR UPDATE SKIP LOCKED)
          RETURNING ${CLAIMED_COLUMNS}, created_at
       )
       SELECT ${CLAIMED_COLUMNS} FROM claimed ORDER BY created_at, id`,
      [owner, limit, leaseMs],
    );
    return rows;
  }

  /** Extends the lease of the rows `owner` still holds (a long send must not be claimed twice). */
  async renew(ids: string[], owner: string, leaseMs: number): Promise<void> {
    if (ids.length === 0) return;
    await this.prisma.sql.query(
      `UPDATE outbox_messages SET locked_until = now() + $3 * interval '1 millisecond'
        WHERE id = ANY($1::uuid[]) AND claimed_by = $2 AND status = 'SENDING'`,
      [ids, owner, leaseMs],
    );
  }

  async markSent(id: string, owner: string, smtpResponse: string): Promise<void> {
    await this.prisma.sql.query(
      `UPDATE outbox_messages SET status = 'SENT', sent_at = now(), smtp_response = $3, locked_until = NULL
        WHERE id = $1 AND claimed_by = $2 AND status = 'SENDING'`,
      [id, owner, smtpResponse],
    );
  }

  /** Back to PENDING at `nextAttemptAt`, or FAILED for good when `nextAttemptAt` is null. */
  async markFailedAttempt(id: string, owner: string, error: string, nextAttemptAt: Date | null): Promise<void> {
    await this.prisma.sql.query(
      `UPDATE outbox_messages
          SET status = CASE WHEN $4::timestamptz IS NULL THEN 'FAILED'::"OutboxStatus" ELSE 'PENDING'::"OutboxStatus" END,
              next_attempt_at = COALESCE($4::timestamptz, next_attempt_at), last_error = $3, locked_until = NULL
        WHERE id = $1 AND claimed_by = $2 AND status = 'SENDING'`,
      [id, owner, error, nextAttemptAt],
    );
  }
}
