import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import { AuthUser } from '../../auth/auth-user';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { isDoctorOf, SessionDetailRow, toTimelineEntries } from '../session.mapper';
import { SessionsService } from '../sessions.service';
import { renderSessionReport, reportFileName, SessionReportData } from './session-report';

/** Loads a visit for its doctor or patient and streams its PDF report. */
@Injectable()
export class SessionReportService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async report(user: AuthUser, sessionId: string, ip?: string): Promise<StreamableFile> {
    const row = await this.sessions.findForParticipant(user, sessionId);
    const data = this.toReportData(row, user);
    await this.audit.recordRead({
      actorId: user.id,
      action: 'report.read',
      entityType: 'session',
      entityId: row.id,
      ip,
      detail: { copy: data.viewer.role === 'DOCTOR' ? 'doctor' : 'patient' },
    });
    return new StreamableFile(renderSessionReport(data), {
      type: 'application/pdf',
      disposition: `attachment; filename="${reportFileName(data)}"`,
    });
  }

  private toReportData(row: SessionDetailRow, viewer: AuthUser): SessionReportData {
    const appointment = row.appointment;
    const isDoctor = isDoctorOf(viewer, row);
    const latest = row.notes[0];
    return {
      clinicName: this.config.CLINIC_NAME,
      generatedAt: new Date(),
      viewer: { name: viewer.name, role: isDoctor ? 'DOCTOR' : 'PATIENT', timeZone: viewer.timeZone },
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
      timeline: toTimelineEntries(row.events).map((entry) => ({ ...entry, at: new Date(entry.at) })),
      chat: row.chatMessages.map((message) => ({ senderName: message.sender.name, body: message.body, sentAt: message.sentAt })),
      notes: isDoctor
        ? { included: true, latest: latest ? { body: latest.body, version: latest.version, updatedAt: latest.createdAt, authorName: latest.author.name } : null }
        : { included: false },
    };
  }
}
