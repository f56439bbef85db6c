import { Inject, Injectable } from '@nestjs/common';
import type { GuestRole, InviteGuestRequest, InviteGuestResponse, VisitGuestListResponse } from '@telehealth/contracts';
import { randomUUID } from 'node:crypto';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/api-error';
import type { RequestContext } from '../common/request-context';
import { isUuid } from '../common/uuid';
import { VisitEvents } from '../common/visit-events';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { OutboxService } from '../mail/outbox.service';
import { PrismaService } from '../prisma/prisma.service';
import { guestInvitationEmail } from '../visit-invitations/guest-messages';
import { MessageSettings, messageSettings } from '../visit-invitations/visit-messages';
import { IssuedVisitLink, VisitLinksService } from '../visit-links/visit-links.service';
import { lockVisitFor } from '../visits/visit-lock';
import { toVisitGuest } from './visit-guest.mapper';
import { GuestLinkRow, VisitGuestsRepository } from './visit-guests.repository';

/** Guests a visit may have at once (removed ones do not count): its room holds ROOM_CAPACITY people in a call. */
export const MAX_GUESTS_PER_VISIT = 6;
export const TOO_MANY_GUESTS = `This visit already has ${MAX_GUESTS_PER_VISIT} guests, the most it may have: remove one to invite another.`;
export const VISIT_TIME_OVER = 'This visit’s time is over: a guest’s link would no longer open it.';
export const GUEST_NOT_FOUND = 'No guest of this visit has this id.';

/**
 * The guests of a visit (an interpreter, a caregiver, a second clinician): the visit's doctor
 * invites them, each with a users row of their own (role GUEST, no password) and a visit link of
 * their own, lists them, and removes them (their link is revoked, so their sessions end, and the
 * live side takes their seat away: VisitEvents.guestRemoved). Who may do what: access/access-policy.ts
 * (`guests.manage`, the visit's doctor); a guest's own rights (join, read the appointment) too.
 */
@Injectable()
export class VisitGuestsService {
  private readonly settings: MessageSettings;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly guests: VisitGuestsRepository,
    private readonly links: VisitLinksService,
    private readonly outbox: OutboxService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly visitEvents: VisitEvents,
  ) {
    this.settings = messageSettings(config);
  }

  /**
   * Invites a guest to a visit that can still be joined (409 otherwise, and past the cap), in one
   * transaction under the visit's lock: the guest's users row, their visit_guests row, their link,
   * and, when an address is given, the invitation email in the outbox. Audited on the route.
   */
  async invite(ctx: RequestContext, appointmentId: string, request: InviteGuestRequest): Promise<InviteGuestResponse> {
    await this.access.requireVisit(ctx, 'guests.manage', appointmentId);
    const guestId = randomUUID();
    const issued = await this.prisma.$transaction(async (tx) => {
      await lockVisitFor(tx, appointmentId, 'invite-guest');
      const visit = await this.guests.visitForInvitation(tx, appointmentId);
      if (!visit) throw ApiError.notFound('No appointment with this id was found.');
      if (visit.endsAt.getTime() <= Date.now()) throw ApiError.conflict(VISIT_TIME_OVER, 'visit_ended');
      if ((await this.guests.countPresent(tx, appointmentId)) >= MAX_GUESTS_PER_VISIT) throw ApiError.conflict(TOO_MANY_GUESTS);
      const language = request.language ?? ctx.user.language;
      await this.guests.create(tx, {
        id: guestId,
        appointmentId,
        name: request.name,
        role: request.role,
        email: request.email,
        invitedById: ctx.user.id,
        timeZone: visit.patientTimeZone,
        language,
      });
      const access = await this.links.issueForGuest(tx, { appointmentId, guestId, endsAt: visit.endsAt });
      if (request.email) {
        const guest = { id: guestId, name: request.name, email: request.email, role: request.role };
        await this.outbox.enqueue(
          tx,
          guestInvitationEmail(
            {
              appointmentId,
              sequence: visit.sequence,
              startsAt: visit.startsAt,
              endsAt: visit.endsAt,
              doctorName: visit.doctorName,
              timeZone: visit.patientTimeZone,
              guest,
            },
            access,
            this.settings,
            language,
          ),
        );
      }
      return access;
    });
    return { guestId, link: issued.link, code: issued.code, expiresAt: issued.expiresAt.toISOString() };
  }

  /** Every guest of the visit (removed ones too), each with the link and code in force, for its doctor. */
  async list(ctx: RequestContext, appointmentId: string): Promise<VisitGuestListResponse> {
    await this.access.requireVisit(ctx, 'guests.manage', appointmentId);
    const rows = await this.guests.list(appointmentId);
    return { items: rows.map((row) => toVisitGuest(row, row.removedAt ? undefined : this.linkInForce(row.link))) };
  }

  /**
   * The visit's doctor removes a guest, over REST or from the call (the signaling gateway's
   * `remove-participant` calls this): the guest is marked removed and their link revoked (their
   * sessions end at once: AuthService.authenticate checks the link) in one transaction, the
   * removal is audited here (both ways in pass here), then the live side is told. Idempotent: a
   * guest removed already is left as they are. ApiError 404 for someone who is not a guest of this
   * visit, and the access policy's refusals for anyone but the visit's doctor.
   */
  async remove(ctx: RequestContext, appointmentId: string, guestId: string): Promise<void> {
    await this.access.requireVisit(ctx, 'guests.manage', appointmentId);
    if (!isUuid(guestId)) throw ApiError.notFound(GUEST_NOT_FOUND);
    const outcome = await this.prisma.$transaction(async (tx) => {
      const marked = await this.guests.markRemoved(tx, appointmentId, guestId);
      if (marked === 'removed') await this.links.revokeGuest(tx, appointmentId, guestId);
      return marked;
    });
    if (outcome === 'unknown') throw ApiError.notFound(GUEST_NOT_FOUND);
    if (outcome === 'already') return;
    await this.audit.record({
      actorId: ctx.user.id,
      action: 'visit-guest.remove',
      entityType: 'appointment',
      entityId: appointmentId,
      ip: ctx.ip,
      detail: { guestId },
    });
    await this.visitEvents.guestRemoved({ appointmentId, guestId });
  }

  /** Whose guest `userId` is (for the join check at the room's door); undefined for anyone who is not a guest. */
  guestOf(
    userId: string,
  ): Promise<{ guestId: string; appointmentId: string; name: string; guestRole: GuestRole; removed: boolean } | undefined> {
    return this.guests.guestOf(userId);
  }

  private linkInForce(row: GuestLinkRow | null): IssuedVisitLink | undefined {
    if (!row || row.redeemableUntil.getTime() <= Date.now()) return undefined;
    return this.links.derive(row);
  }
}
