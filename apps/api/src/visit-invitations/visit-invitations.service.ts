import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { REFUSAL_REASON, VisitInvitationResponse, visitPhase } from '@telehealth/contracts';
import type { AppointmentWithContact } from '../appointments/appointment.mapper';
import { AppointmentsRepository } from '../appointments/appointments.repository';
import { APPOINTMENT_NOT_FOUND } from '../access/access-policy';
import { AccessService } from '../access/access.service';
import { ApiError } from '../common/api-error';
import type { RequestContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { recipientLanguage } from '../i18n/recipients';
import { toLanguage } from '../i18n/translator';
import { PrismaService } from '../prisma/prisma.service';
import { attachmentDisposition } from '../sessions/report/content-disposition';
import { IssuedVisitLink, VisitLinksService } from '../visit-links/visit-links.service';
import { lockVisitFor } from '../visits/visit-lock';
import { visitCalendarFile } from './calendar-file';
import { invitationMessage, MessageSettings, messageSettings, toVisitNotice } from './visit-messages';

export const ONLY_THE_DOCTOR = 'Only the doctor of this visit can share its invitation.';
export const GUEST_CALENDAR =
  'This calendar file is the patient’s and the doctor’s; as a guest of the visit, yours came with the email that invited you.';
const CLOSED_SENTENCE = {
  cancelled: 'This visit was cancelled: there is no invitation to send.',
  ended: 'This visit is over: its link no longer opens it.',
  missed: 'This visit was missed and is over: its link no longer opens it.',
} as const;

/** Why a visit has no invitation to share (cancelled, over, missed), or none when its link still opens it. */
export function invitationRefusal(row: Pick<AppointmentWithContact, 'status' | 'session' | 'endsAt'>, now: Date): ApiError | undefined {
  const phase = visitPhase({ status: row.status, sessionStatus: row.session?.status ?? 'WAITING' });
  if (phase === 'cancelled' || phase === 'ended' || phase === 'missed')
    return ApiError.conflict(CLOSED_SENTENCE[phase], REFUSAL_REASON[phase]);
  // Not yet marked missed by the sweep, but the link stopped working at the visit's end.
  if (row.endsAt.getTime() <= now.getTime()) return ApiError.conflict(CLOSED_SENTENCE.ended, REFUSAL_REASON.ended);
  return undefined;
}

/** "video-visit-2031-03-04.ics", the date as the patient reads it. */
function calendarFileName(row: AppointmentWithContact): string {
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: row.patient.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return `video-visit-${date.format(row.startsAt)}.ics`;
}

/** What the doctor shares with the patient: the invitation to paste (SMS, chat) and the visit's calendar file. */
@Injectable()
export class VisitInvitationsService {
  private readonly settings: MessageSettings;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly appointments: AppointmentsRepository,
    private readonly links: VisitLinksService,
    private readonly access: AccessService,
  ) {
    this.settings = messageSettings(config);
  }

  /**
   * The link, code and a ready message in the patient's time zone and language (the visit's doctor only);
   * 409 once the visit is closed.
   */
  async invitation(ctx: RequestContext, id: string): Promise<VisitInvitationResponse> {
    const visit = await this.access.requireVisit(ctx, 'appointment.change', id);
    if (visit.as !== 'DOCTOR') throw ApiError.forbidden(ONLY_THE_DOCTOR);
    const row = await this.load(id);
    const refusal = invitationRefusal(row, new Date());
    if (refusal) throw refusal;
    const issued = (await this.links.current(id)) ?? (await this.issueMissing(row));
    return {
      link: issued.link,
      code: issued.code,
      message: invitationMessage(toVisitNotice(row), issued, this.settings, await recipientLanguage(this.prisma, row.patient)),
      expiresAt: issued.expiresAt.toISOString(),
    };
  }

  /**
   * The visit's .ics for its doctor, its patient (also by a visit-link session) and an admin (not its
   * guests: 403): METHOD:CANCEL once cancelled. The patient's link and code are in it while they work, except for an admin: the
   * link signs in as the patient, and an admin never joins a visit (access/access-policy.ts). Its words
   * are in the language of whoever downloads it; the time is read in the patient's zone.
   */
  async calendarFile(ctx: RequestContext, id: string): Promise<StreamableFile> {
    const visit = await this.access.requireVisit(ctx, 'appointment.read', id);
    // The file names the patient as its attendee and carries the patient's link: not a guest's to have.
    if (visit.as === 'GUEST') throw ApiError.forbidden(GUEST_CALENDAR);
    const row = await this.load(id);
    const linkInForce = visit.as !== 'ADMIN' && row.status === 'SCHEDULED' && row.endsAt.getTime() > Date.now();
    const issued = linkInForce ? await this.links.current(id) : undefined;
    const file = visitCalendarFile(
      {
        ...toVisitNotice(row),
        organizerEmail: this.settings.organizerEmail,
        access: issued && { link: issued.link, code: issued.code, joinPage: this.settings.joinPage },
      },
      row.status === 'CANCELLED' ? 'CANCEL' : 'REQUEST',
      toLanguage(ctx.user.language),
    );
    const bytes = Buffer.from(file, 'utf8');
    return new StreamableFile(bytes, {
      type: 'text/calendar; charset=utf-8',
      disposition: attachmentDisposition(calendarFileName(row)),
      length: bytes.length,
    });
  }

  private async load(id: string): Promise<AppointmentWithContact> {
    const row = await this.appointments.findWithContact(id);
    if (!row) throw ApiError.notFound(APPOINTMENT_NOT_FOUND);
    return row;
  }

  /**
   * A visit booked before visit links existed has none: it gets one now, under the visit's lock, so
   * two doctors' tabs asking at once share one link instead of revoking each other's.
   */
  private issueMissing(row: AppointmentWithContact): Promise<IssuedVisitLink> {
    return this.prisma.$transaction(async (tx) => {
      await lockVisitFor(tx, row.id, 'join');
      return (await this.links.current(row.id)) ?? this.links.issue(tx, row);
    });
  }
}
