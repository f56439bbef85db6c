import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import { deriveVisitLinkSecrets, hashVisitSecret, VisitLinkSecrets } from './visit-link-secrets';

export interface NewVisitLink {
  appointmentId: string;
  userId: string;
  redeemableUntil: Date;
}

/** A link row with what a redemption needs of its visit and its patient. */
export interface RedeemableLink {
  linkId: string;
  revoked: boolean;
  redeemableUntil: Date;
  appointmentId: string;
  endsAt: Date;
  sessionId: string;
  roomId: string;
  user: { id: string; email: string; name: string; timeZone: string; active: boolean };
}

// A new code colliding with a stored one is a 1-in-2^37 event per stored link; a few tries cover it.
const ISSUE_ATTEMPTS = 5;

/** Visit links: issued with a booking, replaced by a reschedule, revoked by a cancellation, looked up by hash. */
@Injectable()
export class VisitLinksRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Revokes the appointment's links and stores a new one, in the caller's transaction; its secrets for the email. */
  async replace(tx: Prisma.TransactionClient, link: NewVisitLink, key: Buffer): Promise<VisitLinkSecrets & { id: string }> {
    await this.revokeAll(tx, link.appointmentId);
    for (let attempt = 0; attempt < ISSUE_ATTEMPTS; attempt += 1) {
      const id = randomUUID();
      const secrets = deriveVisitLinkSecrets(key, id);
      const inserted = await tx.$queryRaw<Array<{ id: string }>>`
        INSERT INTO visit_links (id, appointment_id, user_id, token_hash, code_hash, redeemable_until)
        VALUES (${id}::uuid, ${link.appointmentId}::uuid, ${link.userId}::uuid, ${hashVisitSecret(secrets.token)}, ${hashVisitSecret(secrets.code)}, ${link.redeemableUntil})
        ON CONFLICT DO NOTHING
        RETURNING id::text AS id`;
      if (inserted.length > 0) return { id, ...secrets };
    }
    throw new Error('no unique visit code could be issued');
  }

  /** Every link of the appointment stops working, and the sessions it opened end. */
  async revokeAll(tx: Prisma.TransactionClient, appointmentId: string): Promise<void> {
    await tx.visitLink.updateMany({ where: { appointmentId, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  /** The appointment's link in force (its id derives the token and code again), if any. */
  findCurrent(appointmentId: string): Promise<{ id: string; redeemableUntil: Date } | null> {
    return this.prisma.visitLink.findFirst({
      where: { appointmentId, revokedAt: null },
      orderBy: { createdAt: 'desc' },
      select: { id: true, redeemableUntil: true },
    });
  }

  /** The link whose token or code hashes to `hash`, with its visit and patient; one statement. */
  async findByHash(column: 'token_hash' | 'code_hash', hash: string): Promise<RedeemableLink | undefined> {
    const { rows } = await this.prisma.sql.query<RedeemableLink>(
      `SELECT l.id AS "linkId", l.revoked_at IS NOT NULL AS revoked, l.redeemable_until AS "redeemableUntil",
              a.id AS "appointmentId", a.ends_at AS "endsAt", s.id AS "sessionId", r.id AS "roomId",
              json_build_object('id', u.id, 'email', u.email, 'name', u.name, 'timeZone', u.time_zone,
                                'active', u.deactivated_at IS NULL) AS "user"
         FROM visit_links l
         JOIN appointments a ON a.id = l.appointment_id
         JOIN sessions s ON s.appointment_id = a.id
         JOIN rooms r ON r.appointment_id = a.id
         JOIN users u ON u.id = l.user_id
        WHERE l.${column} = $1`,
      [hash],
    );
    return rows[0];
  }
}
