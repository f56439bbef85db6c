import { Inject, Injectable } from '@nestjs/common';
import { formatVisitCode, RedeemVisitLinkRequest, RedeemVisitLinkResponse } from '@telehealth/contracts';
import { AuditService } from '../audit/audit.service';
import { TokenService } from '../auth/token.service';
import { ApiError } from '../common/api-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { Prisma } from '../generated/prisma/client';
import { hashVisitSecret, visitLinkKey, visitLinkUrl, visitSessionExpiry, deriveVisitLinkSecrets } from './visit-link-secrets';
import { VisitLinkThrottleService } from './visit-link-throttle.service';
import { RedeemableLink, VisitLinksRepository } from './visit-links.repository';

/** A visit's link and code as they are sent and shown: until `expiresAt` (the visit's end). */
export interface IssuedVisitLink {
  link: string;
  /** As people read it: `ABCD-EFGH`. */
  code: string;
  expiresAt: Date;
}

export const UNKNOWN_LINK =
  'This link or code does not open a visit. Check it against the clinic’s message, or ask the clinic for a new one.';
export const STALE_LINK =
  'This visit link no longer works: the visit has ended, was moved or was cancelled. The clinic’s latest message has the link in force.';
export const GUEST_REMOVED_LINK = 'The doctor removed you from this visit; this link no longer opens it.';

/**
 * The way in without a password, for the patient and for the guests the doctor invites: issues the
 * patient's link and code with a booking (and anew on a reschedule, which keeps the guests' links
 * and moves them to the new end), a guest's with the invitation, revokes them on a cancellation (a
 * guest's on their removal), shows them again to the doctor, and redeems them for a session that
 * opens that one visit (access/access-policy.ts): the patient's, or a guest's (role GUEST).
 */
@Injectable()
export class VisitLinksService {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly links: VisitLinksRepository,
    private readonly tokens: TokenService,
    private readonly throttle: VisitLinkThrottleService,
    private readonly audit: AuditService,
  ) {
    this.key = visitLinkKey(config.JWT_SECRET);
  }

  /** A new link and code for the appointment's patient, replacing their earlier one, in the caller's transaction. */
  async issue(tx: Prisma.TransactionClient, appointment: { id: string; patientId: string; endsAt: Date }): Promise<IssuedVisitLink> {
    const issued = await this.links.replace(
      tx,
      { appointmentId: appointment.id, userId: appointment.patientId, redeemableUntil: appointment.endsAt },
      this.key,
    );
    return this.present(issued.token, issued.code, appointment.endsAt);
  }

  /** A guest's own link and code (until the visit's end), in the invitation's transaction. */
  async issueForGuest(
    tx: Prisma.TransactionClient,
    guest: { appointmentId: string; guestId: string; endsAt: Date },
  ): Promise<IssuedVisitLink> {
    const issued = await this.links.replace(
      tx,
      { appointmentId: guest.appointmentId, userId: guest.guestId, redeemableUntil: guest.endsAt },
      this.key,
    );
    return this.present(issued.token, issued.code, guest.endsAt);
  }

  /** The visit moved: the guests' links keep working, until its new end. */
  extendGuests(tx: Prisma.TransactionClient, appointmentId: string, endsAt: Date): Promise<void> {
    return this.links.extendGuests(tx, appointmentId, endsAt);
  }

  /** Every link of the appointment stops working (a cancellation: the patient's and the guests'), and the sessions they opened end. */
  revoke(tx: Prisma.TransactionClient, appointmentId: string): Promise<void> {
    return this.links.revokeAll(tx, appointmentId);
  }

  /** A guest's link stops working (the doctor removed them), and the sessions it opened end. */
  revokeGuest(tx: Prisma.TransactionClient, appointmentId: string, guestId: string): Promise<void> {
    return this.links.revokeOf(tx, appointmentId, guestId);
  }

  /** The patient's link and code in force for the appointment, derived again from the stored row; none once revoked. */
  async current(appointmentId: string): Promise<IssuedVisitLink | undefined> {
    const row = await this.links.findCurrent(appointmentId);
    return row ? this.derive(row) : undefined;
  }

  /** The link and code of a stored link row (its id derives them again): what the doctor is shown of a guest's link. */
  derive(row: { id: string; redeemableUntil: Date }): IssuedVisitLink {
    const secrets = deriveVisitLinkSecrets(this.key, row.id);
    return this.present(secrets.token, secrets.code, row.redeemableUntil);
  }

  /**
   * Signs the patient (or a guest, as GUEST) in for that visit only; 404 for an unknown link, 410 for
   * one replaced, revoked or past the visit's end (`guest_removed` for the link of a removed guest).
   */
  async redeem(request: RedeemVisitLinkRequest, ip = 'unknown'): Promise<RedeemVisitLinkResponse> {
    const by = 'token' in request ? 'token' : 'code';
    const throttled = await this.throttle.attempt(ip);
    if (throttled) {
      await this.audit.recordSecurityEvent({
        actorId: null,
        action: 'visit-link.redeem.throttled',
        entityType: 'visit-link',
        ip,
        detail: { by },
      });
      throw throttled;
    }
    const link = await this.links.findByHash(
      by === 'token' ? 'token_hash' : 'code_hash',
      hashVisitSecret('token' in request ? request.token : request.code),
    );
    const refusal = this.refusal(link);
    if (refusal || !link) {
      await this.audit.recordSecurityEvent({
        actorId: null,
        action: 'visit-link.redeem.refused',
        entityType: 'appointment',
        entityId: link?.appointmentId ?? null,
        ip,
        detail: { by, why: !link ? 'unknown' : link.guestRemoved ? 'guest-removed' : 'stale' },
      });
      throw refusal ?? ApiError.notFound(UNKNOWN_LINK);
    }
    const role = link.user.role === 'GUEST' ? 'GUEST' : 'PATIENT';
    const scope = { appointmentId: link.appointmentId, sessionId: link.sessionId, linkId: link.linkId };
    const { token, expiresAt } = this.tokens.sign(link.user.id, role, { scope, expiresAt: visitSessionExpiry(link.endsAt) });
    await this.audit.record({
      actorId: link.user.id,
      action: 'visit-link.redeem',
      entityType: 'appointment',
      entityId: link.appointmentId,
      ip,
      detail: { by, as: role.toLowerCase() },
    });
    const { id, email, name, timeZone, language } = link.user;
    return {
      accessToken: token,
      expiresAt: expiresAt.toISOString(),
      sessionId: link.sessionId,
      appointmentId: link.appointmentId,
      roomId: link.roomId,
      user: { id, email, name, role, timeZone, language },
    };
  }

  private refusal(link: RedeemableLink | undefined): ApiError | undefined {
    if (!link || !link.user.active) return ApiError.notFound(UNKNOWN_LINK);
    // Before the revoked check: the removal revoked the link too, and the guest deserves to know why.
    if (link.guestRemoved) return new ApiError(410, GUEST_REMOVED_LINK, 'guest_removed');
    if (link.revoked || link.redeemableUntil.getTime() <= Date.now()) return new ApiError(410, STALE_LINK, 'link_expired');
    return undefined;
  }

  private present(token: string, code: string, expiresAt: Date): IssuedVisitLink {
    return { link: visitLinkUrl(this.config.WEB_ORIGIN, token), code: formatVisitCode(code), expiresAt };
  }
}
