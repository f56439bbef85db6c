import { Inject, Injectable, OnModuleDestroy, StreamableFile } from '@nestjs/common';
import { SESSION_NOT_FOUND } from '../../access/access-policy';
import { AccessService } from '../../access/access.service';
import { AuthUser } from '../../auth/auth-user';
import { ApiError } from '../../common/api-error';
import type { RequestContext } from '../../common/request-context';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { toLanguage } from '../../i18n/translator';
import { callFacts } from '../call-facts';
import type { CallEvent } from '../call-event';
import type { CallStatsSample } from '../connection-facts';
import { isDoctorOf, ParticipantRow, toTimelineEntries } from '../session.mapper';
import { SessionsRepository } from '../sessions.repository';
import { attachmentDisposition } from './content-disposition';
import { ReportRepository, ReportRow } from './report.repository';
import { ReportPoolFullError, ReportRenderPool, ReportTimeoutError } from './report-pool';
import { REPORT_LIMITS, reportFileName, SessionReportData } from './session-report';

export const REPORTS_BUSY_SENTENCE = 'Reports are being prepared for other people right now. Please try again in a minute.';
export const REPORT_TOO_SLOW_SENTENCE = 'This report took too long to prepare. Please try again in a minute.';
/** A render still running after this is stopped (its worker thread is replaced). */
export const REPORT_RENDER_TIMEOUT_MS = 60_000;

/**
 * Loads a visit for its doctor or patient (on the event loop: plain SQL) and has its PDF rendered in a
 * worker thread (ReportRenderPool), so a long report never stalls the API. When every worker is busy
 * and the queue is full the caller gets 503 with a sentence, at once.
 */
@Injectable()
export class SessionReportService implements OnModuleDestroy {
  private readonly pool: ReportRenderPool;

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly reports: ReportRepository,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.pool = new ReportRenderPool({
      workers: config.REPORT_WORKERS,
      queueSize: config.REPORT_QUEUE_SIZE,
      timeoutMs: REPORT_RENDER_TIMEOUT_MS,
    });
  }

  /**
   * The visit's PDF for its doctor or patient, in the caller's language (the doctor's copy holds the
   * latest notes); never a guest's (access policy).
   */
  async report(ctx: RequestContext, sessionId: string): Promise<StreamableFile> {
    const visit = await this.access.requireVisit(ctx, 'report.read', sessionId);
    const row = await this.reports.visit(sessionId, visit.as === 'DOCTOR', {
      chatMessages: REPORT_LIMITS.chatMessages,
      events: REPORT_LIMITS.timelineEntries,
    });
    if (!row) throw ApiError.notFound(SESSION_NOT_FOUND);
    // The call's facts read the whole timeline's call entries, not only the newest entries the report lists.
    const [participants, events, samples] = await Promise.all([
      this.sessions.participants(sessionId),
      this.sessions.callEvents(sessionId),
      this.sessions.callStatsSamples(sessionId),
    ]);
    const data = this.toReportData(row, participants, { events, samples }, ctx.user);
    const bytes = await this.render(data);
    return new StreamableFile(bytes, {
      type: 'application/pdf',
      disposition: attachmentDisposition(reportFileName(data)),
      length: bytes.length,
    });
  }

  onModuleDestroy(): Promise<void> {
    return this.pool.close();
  }

  private async render(data: SessionReportData): Promise<Buffer> {
    try {
      return await this.pool.render(data);
    } catch (error) {
      if (error instanceof ReportPoolFullError) throw ApiError.unavailable(REPORTS_BUSY_SENTENCE);
      if (error instanceof ReportTimeoutError) throw ApiError.unavailable(REPORT_TOO_SLOW_SENTENCE);
      throw error;
    }
  }

  private toReportData(
    row: ReportRow,
    participants: ParticipantRow[],
    call: { events: CallEvent[]; samples: CallStatsSample[] },
    viewer: AuthUser,
  ): SessionReportData {
    const appointment = row.appointment;
    const isDoctor = isDoctorOf(viewer, row);
    const latest = row.notes[0];
    return {
      clinicName: this.config.CLINIC_NAME,
      generatedAt: new Date(),
      // The report is written in the language of whoever downloads it.
      viewer: {
        name: viewer.name,
        role: isDoctor ? 'DOCTOR' : 'PATIENT',
        timeZone: viewer.timeZone,
        language: toLanguage(viewer.language),
      },
      doctor: { id: appointment.doctor.id, name: appointment.doctor.name },
      patient: { id: appointment.patient.id, name: appointment.patient.name },
      reason: appointment.reason,
      appointmentStatus: appointment.status,
      sessionStatus: row.status,
      scheduledStart: appointment.startsAt,
      scheduledEnd: appointment.endsAt,
      startedAt: row.startedAt,
      endedAt: row.endedAt,
      endedByName: row.endedBy?.name ?? null,
      participants: participants.map(({ guestRole, ...person }) => ({ ...person, ...(guestRole ? { guestRole } : {}) })),
      timeline: toTimelineEntries(row.events).map(({ userRole: _role, ...entry }) => ({ ...entry, at: new Date(entry.at) })),
      chat: row.chatMessages,
      call: callFacts({ ...call, startedAt: row.startedAt, endedAt: row.endedAt, now: new Date(), people: participants }),
      omitted: { chat: row._count.chatMessages - row.chatMessages.length, timeline: row._count.events - row.events.length },
      notes: isDoctor
        ? {
            included: true,
            latest: latest
              ? { body: latest.body, version: latest.version, updatedAt: latest.createdAt, authorName: latest.author.name }
              : null,
          }
        : { included: false },
    };
  }
}
