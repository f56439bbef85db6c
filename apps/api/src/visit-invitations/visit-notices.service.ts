import { Inject, Injectable } from '@nestjs/common';
import type { AppointmentWithContact } from '../appointments/appointment.mapper';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { Prisma } from '../generated/prisma/client';
import { recipientLanguage, recipientLanguages } from '../i18n/recipients';
import { OutboxService } from '../mail/outbox.service';
import { GuestContact, VisitGuestsRepository } from '../visit-guests/visit-guests.repository';
import { VisitLinksService } from '../visit-links/visit-links.service';
import { GuestNotice, guestCancellationEmail, guestRescheduleEmail } from './guest-messages';
import {
  bookingConfirmationEmail,
  CancelledBy,
  cancellationEmail,
  MessageSettings,
  messageSettings,
  patientCancelledEmail,
  rescheduleEmail,
  toVisitNotice,
} from './visit-messages';

/**
 * What a booking, a reschedule and a cancellation cause for the patient (and for the doctor, when the
 * patient cancels, and for the guests the doctor invited with an address), inside the change's own
 * transaction: the visit links issued, replaced, moved or revoked, and the emails that say so written to
 * the outbox. A change that rolls back leaves no link and sends no email. Each email is written in its
 * recipient's language: their account's, read in the change's transaction.
 */
@Injectable()
export class VisitNoticesService {
  private readonly settings: MessageSettings;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly links: VisitLinksService,
    private readonly outbox: OutboxService,
    private readonly guests: VisitGuestsRepository,
  ) {
    this.settings = messageSettings(config);
  }

  async booked(tx: Prisma.TransactionClient, row: AppointmentWithContact): Promise<void> {
    const access = await this.links.issue(tx, row);
    const language = await recipientLanguage(tx, row.patient);
    await this.outbox.enqueue(tx, bookingConfirmationEmail(toVisitNotice(row), access, this.settings, language));
  }

  /**
   * A new link and code for the patient; their earlier ones stop working (and the sessions they opened
   * end). The guests keep theirs, working until the new end, and are told the new time.
   */
  async rescheduled(tx: Prisma.TransactionClient, row: AppointmentWithContact): Promise<void> {
    const access = await this.links.issue(tx, row);
    await this.links.extendGuests(tx, row.id, row.endsAt);
    const guests = await this.guests.contacts(tx, row.id);
    const languageOf = await recipientLanguages(tx, [row.patient, ...guests]);
    await this.outbox.enqueue(tx, rescheduleEmail(toVisitNotice(row), access, this.settings, languageOf(row.patient.id)));
    for (const guest of guests) {
      if (guest.link)
        await this.outbox.enqueue(
          tx,
          guestRescheduleEmail(guestNotice(row, guest), this.links.derive(guest.link), this.settings, languageOf(guest.id)),
        );
    }
  }

  /**
   * Every link revoked (the patient's and the guests') and the patient told; the doctor too when the
   * patient cancelled (not of their own cancel); the guests with an address too.
   */
  async cancelled(tx: Prisma.TransactionClient, row: AppointmentWithContact, by: CancelledBy): Promise<void> {
    await this.links.revoke(tx, row.id);
    const notice = toVisitNotice(row);
    const guests = await this.guests.contacts(tx, row.id);
    const languageOf = await recipientLanguages(tx, [row.patient, ...(by === 'patient' ? [row.doctor] : []), ...guests]);
    await this.outbox.enqueue(tx, cancellationEmail(notice, by, this.settings, languageOf(row.patient.id)));
    if (by === 'patient')
      await this.outbox.enqueue(tx, patientCancelledEmail(notice, row.doctor, this.settings, languageOf(row.doctor.id)));
    for (const guest of guests) {
      await this.outbox.enqueue(tx, guestCancellationEmail(guestNotice(row, guest), this.settings, languageOf(guest.id)));
    }
  }
}

/** The visit as a guest's email tells it: the time in the patient's zone, the doctor; nothing of the patient. */
function guestNotice(row: AppointmentWithContact, guest: GuestContact): GuestNotice {
  return {
    appointmentId: row.id,
    sequence: row.sequence,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    doctorName: row.doctor.name,
    timeZone: row.patient.timeZone,
    guest: { id: guest.id, name: guest.name, email: guest.email, role: guest.role },
  };
}
