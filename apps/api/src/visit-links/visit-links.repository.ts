import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Language, Role } from '@telehealth/contracts';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import { deriveVisitLinkSecrets, hashVisitSecret, VisitLinkSecrets } from './visit-link-secrets';

export interface NewVisitLink {
  appointmentId: string;
  userId: string;
  redeemableUntil: Date;
}

/** A link row with what a redemption needs of its visit and of the person it signs in (the patient or a guest). */
export interface RedeemableLink {
  linkId: string;
  revoked: boolean;
  redeemableUntil: Date;
  appointmentId: string;
  endsAt: Date;
  sessionId: string;
  roomId: string;
  user: { id: string; email: string; name: string; role: Role; timeZone: string; language: Language; active: boolean };
  /** For a guest's link: whether the doctor removed the guest (null for the patient's). */
  guestRemoved: boolean | null;
}

// A new code colliding with a stored one is a 1-in-2^37 event per stored link; a few tries cover it.
const ISSUE_ATTEMPTS = 5;

/**
 * Visit links: the patient's, issued with a booking, replaced by a reschedule, revoked by a
 * cancellation; a guest's, issued with the invitation, kept (and moved) by a reschedule, revoked by
 * the guest's removal or the cancellation; all looked up by hash. Each link signs in its `user_id`,
 * so the patient's operations touch the patient's links only.
 */
@Injectable()
export class VisitLinksRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Revokes the user's links of the appointment and stores a new one, in the caller's transaction; its secrets for the email. */
  async replace(tx: Prisma.TransactionClient, link: NewVisitLink, key: Buffer): Promise<VisitLinkSecrets & { id: string }> {
    await this.revokeOf(tx, link.appointmentId, link.userId);
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

  /** Every link of the appointment (the patient's and the guests') stops working, and the sessions they opened end. */
  async revokeAll(tx: Prisma.TransactionClient, appointmentId: string): Promise<void> {
    await tx.visitLink.updateMany({ where: { appointmentId, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  /** One person's links of the appointment stop working, and the sessions they opened end. */
  async revokeOf(tx: Prisma.TransactionClient, appointmentId: string, userId: string): Promise<void> {
    await tx.visitLink.updateMany({ where: { appointmentId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  /** The links in force of the appointment's guests (not removed) are redeemable until `until` (the visit moved). */
  async extendGuests(tx: Prisma.TransactionClient, appointmentId: string, until: Date): Promise<void> {
    await tx.$executeRaw`
      UPDATE visit_links AS l SET redeemable_until = ${until}
        FROM visit_guests AS g
       WHERE l.appointment_id = ${appointmentId}::uuid AND l.revoked_at IS NULL
         AND g.id = l.user_id AND g.appointment_id = l.appointment_id AND g.removed_at IS NULL`;
  }

  /** The patient's link in force (its id derives the token and code again), if any; never a guest's. */
  async findCurrent(appointmentId: string): Promise<{ id: string; redeemableUntil: Date } | null> {
    const { rows } = await this.prisma.sql.query<{ id: string; redeemableUntil: Date }>(
      `SELECT l.id, l.redeemable_until AS "redeemableUntil"
         FROM visit_links l
         JOIN appointments a ON a.id = l.appointment_id AND a.patient_id = l.user_id
        WHERE l.appointment_id = $1 AND l.revoked_at IS NULL
        ORDER BY l.created_at DESC
        LIMIT 1`,
      [appointmentId],
    );
    return rows[0] ?? null;
  }

  /** The link whose token or code hashes to `hash`, with its visit and the person it signs in; one statement. */
  async findByHash(column: 'token_hash' | 'code_hash', hash: string): Promise<RedeemableLink | undefined> {
    const { rows } = await this.prisma.sql.query<RedeemableLink>(
      `SELECT l.id AS "linkId", l.revoked_at IS NOT NULL AS revoked, l.redeemable_until AS "redeemableUntil",
              a.id AS "appointmentId", a.ends_at AS "endsAt", s.id AS "sessionId", r.id AS "roomId",
              json_build_object('id', u.id, 'email', u.email, 'name', u.name, 'role', u.role, 'timeZone', u.time_zone, 'language', u.language,
                                'active', u.deactivated_at IS NULL) AS "user",
              CASE WHEN g.id IS NULL THEN NULL ELSE g.removed_at IS NOT NULL END AS "guestRemoved"
         FROM visit_links l
         JOIN appointments a ON a.id = l.appointment_id
         JOIN sessions s ON s.appointment_id = a.id
         JOIN rooms r ON r.appointment_id = a.id
         JOIN users u ON u.id = l.user_id
         LEFT JOIN visit_guests g ON g.id = l.user_id AND g.appointment_id = l.appointment_id
        WHERE l.${column} = $1`,
      [hash],
    );
    return rows[0];
  }
}
