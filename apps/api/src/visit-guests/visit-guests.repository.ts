import { Injectable } from '@nestjs/common';
import type { GuestRole, Language } from '@telehealth/contracts';
import { isUuid } from '../common/uuid';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';

/** What an invitation needs of its visit (read under the visit's lock). */
export interface InvitedVisit {
  id: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  doctorName: string;
  /** The guest's time zone and the zone their messages tell the time in. */
  patientTimeZone: string;
}

export interface NewGuest {
  id: string;
  appointmentId: string;
  name: string;
  role: GuestRole;
  email: string | undefined;
  invitedById: string;
  timeZone: string;
  /** The guest's call screens and invitation email are in it. */
  language: Language;
}

/** A stored link row, from which the link and code are derived again (visit-links/visit-link-secrets.ts). */
export interface GuestLinkRow {
  id: string;
  redeemableUntil: Date;
}

/** A guest as the doctor's list shows them, with their link in force (none once removed or revoked). */
export interface VisitGuestRow {
  id: string;
  name: string;
  role: GuestRole;
  email: string | null;
  createdAt: Date;
  removedAt: Date | null;
  link: GuestLinkRow | null;
}

/** A guest the visit's changes are told to by email: not removed, with an address, and their link in force. */
export interface GuestContact {
  id: string;
  name: string;
  role: GuestRole;
  email: string;
  link: GuestLinkRow | null;
}

/** What the signaling gateway needs of a guest at the door: whose guest, as what, and whether removed. */
export interface GuestOf {
  guestId: string;
  appointmentId: string;
  name: string;
  guestRole: GuestRole;
  removed: boolean;
}

/** The guest's users row needs an email that is unique, never anyone's, and never receives mail (RFC 2606's `.invalid`). */
export function guestPlaceholderEmail(guestId: string): string {
  return `guest-${guestId}@guests.invalid`;
}

// The newest link in force of each guest (a guest has one: it is issued with the invitation).
const CURRENT_LINK = `(SELECT json_build_object('id', l.id, 'redeemableUntil', l.redeemable_until)
                        FROM visit_links l
                       WHERE l.appointment_id = g.appointment_id AND l.user_id = g.id AND l.revoked_at IS NULL
                       ORDER BY l.created_at DESC LIMIT 1)`;

type LinkJson = { id: string; redeemableUntil: string } | null;

function toLinkRow(link: LinkJson): GuestLinkRow | null {
  return link ? { id: link.id, redeemableUntil: new Date(link.redeemableUntil) } : null;
}

/** The guests of visits (visit_guests, each with its users row): invited, listed, removed, looked up at the door. */
@Injectable()
export class VisitGuestsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The visit an invitation is for, in the invitation's transaction (after the visit's lock). */
  async visitForInvitation(tx: Prisma.TransactionClient, appointmentId: string): Promise<InvitedVisit | undefined> {
    const row = await tx.appointment.findUnique({
      where: { id: appointmentId },
      select: {
        id: true,
        sequence: true,
        startsAt: true,
        endsAt: true,
        doctor: { select: { name: true } },
        patient: { select: { timeZone: true } },
      },
    });
    return row
      ? {
          id: row.id,
          sequence: row.sequence,
          startsAt: row.startsAt,
          endsAt: row.endsAt,
          doctorName: row.doctor.name,
          patientTimeZone: row.patient.timeZone,
        }
      : undefined;
  }

  /** Guests of the visit not removed (what the cap counts). */
  countPresent(tx: Prisma.TransactionClient, appointmentId: string): Promise<number> {
    return tx.visitGuest.count({ where: { appointmentId, removedAt: null } });
  }

  /** The guest's users row (role GUEST, no password, a placeholder email) and their visit_guests row, in the caller's transaction. */
  async create(tx: Prisma.TransactionClient, guest: NewGuest): Promise<void> {
    await tx.user.create({
      data: {
        id: guest.id,
        email: guestPlaceholderEmail(guest.id),
        name: guest.name,
        role: 'GUEST',
        passwordHash: null,
        timeZone: guest.timeZone,
        language: guest.language,
      },
    });
    await tx.visitGuest.create({
      data: {
        id: guest.id,
        appointmentId: guest.appointmentId,
        role: guest.role,
        email: guest.email ?? null,
        invitedById: guest.invitedById,
      },
    });
  }

  /** Every guest of the visit, removed ones too, in the order they were invited; one statement. */
  async list(appointmentId: string): Promise<VisitGuestRow[]> {
    const { rows } = await this.prisma.sql.query<Omit<VisitGuestRow, 'link'> & { link: LinkJson }>(
      `SELECT g.id, u.name, g.role, g.email, g.created_at AS "createdAt", g.removed_at AS "removedAt", ${CURRENT_LINK} AS link
         FROM visit_guests g
         JOIN users u ON u.id = g.id
        WHERE g.appointment_id = $1
        ORDER BY g.created_at, g.id`,
      [appointmentId],
    );
    return rows.map((row) => ({ ...row, link: toLinkRow(row.link) }));
  }

  /** The guests to tell of a change of the visit (not removed, with an address), in the change's transaction. */
  async contacts(tx: Prisma.TransactionClient, appointmentId: string): Promise<GuestContact[]> {
    const rows = await tx.$queryRawUnsafe<Array<Omit<GuestContact, 'link'> & { link: LinkJson }>>(
      `SELECT g.id::text AS id, u.name, g.role::text AS role, g.email, ${CURRENT_LINK} AS link
         FROM visit_guests g
         JOIN users u ON u.id = g.id
        WHERE g.appointment_id = $1::uuid AND g.removed_at IS NULL AND g.email IS NOT NULL
        ORDER BY g.created_at, g.id`,
      appointmentId,
    );
    return rows.map((row) => ({ ...row, link: toLinkRow(row.link) }));
  }

  /**
   * Marks the guest of this visit removed, in the caller's transaction: `removed` the first time,
   * `already` after that, `unknown` when no guest of this visit has this id.
   */
  async markRemoved(tx: Prisma.TransactionClient, appointmentId: string, guestId: string): Promise<'removed' | 'already' | 'unknown'> {
    const { count } = await tx.visitGuest.updateMany({
      where: { id: guestId, appointmentId, removedAt: null },
      data: { removedAt: new Date() },
    });
    if (count === 1) return 'removed';
    return (await tx.visitGuest.count({ where: { id: guestId, appointmentId } })) > 0 ? 'already' : 'unknown';
  }

  /** Whose guest this user is, as what, and whether removed; undefined for anyone who is not a guest. One statement. */
  async guestOf(userId: string): Promise<GuestOf | undefined> {
    if (!isUuid(userId)) return undefined;
    const { rows } = await this.prisma.sql.query<GuestOf>(
      `SELECT g.id AS "guestId", g.appointment_id AS "appointmentId", u.name, g.role AS "guestRole", g.removed_at IS NOT NULL AS removed
         FROM visit_guests g
         JOIN users u ON u.id = g.id
        WHERE g.id = $1`,
      [userId],
    );
    return rows[0];
  }
}
