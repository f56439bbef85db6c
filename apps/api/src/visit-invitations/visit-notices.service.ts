import { Inject, Injectable } from '@nestjs/common';
import type { AppointmentWithContact } from '../appointments/appointment.mapper';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { Prisma } from '../generated/prisma/client';
import { OutboxService } from '../mail/outbox.service';
import { VisitLinksService } from '../visit-links/visit-links.service';
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
 * patient cancels), inside the change's own transaction: the visit link issued, replaced or revoked,
 * and the email that says so written to the outbox. A change that rolls back leaves no link and sends
 * no email.
 */
@Injectable()
export class VisitNoticesService {
  private readonly settings: MessageSettings;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly links: VisitLinksService,
    private readonly outbox: OutboxService,
  ) {
    this.settings = messageSettings(config);
  }

  async booked(tx: Prisma.TransactionClient, row: AppointmentWithContact): Promise<void> {
    const access = await this.links.issue(tx, row);
    await this.outbox.enqueue(tx, bookingConfirmationEmail(toVisitNotice(row), access, this.settings));
  }

  /** A new link and code; the earlier ones stop working (and the sessions they opened end). */
  async rescheduled(tx: Prisma.TransactionClient, row: AppointmentWithContact): Promise<void> {
    const access = await this.links.issue(tx, row);
    await this.outbox.enqueue(tx, rescheduleEmail(toVisitNotice(row), access, this.settings));
  }

  /** The link revoked and the patient told; the doctor too when the patient cancelled (not of their own cancel). */
  async cancelled(tx: Prisma.TransactionClient, row: AppointmentWithContact, by: CancelledBy): Promise<void> {
    await this.links.revoke(tx, row.id);
    const notice = toVisitNotice(row);
    await this.outbox.enqueue(tx, cancellationEmail(notice, by, this.settings));
    if (by === 'patient') await this.outbox.enqueue(tx, patientCancelledEmail(notice, row.doctor, this.settings));
  }
}
