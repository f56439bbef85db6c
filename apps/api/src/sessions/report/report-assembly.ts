import type { AuthUser } from '../../auth/auth-user';
import { toLanguage } from '../../i18n/translator';
import { callFacts } from '../call-facts';
import { isDoctorOf, toTimelineEntries } from '../session.mapper';
import type { SessionReportData } from './report-data';
import type { ReportInputs } from './report.repository';

/** One report to make, as the API asks a worker for it once the caller may read the visit. */
export interface ReportRequest {
  sessionId: string;
  /** The doctor's copy holds the latest notes; the patient's says they are left out. */
  withNotes: boolean;
  /** Who downloads it: written in their language, its times in their zone. */
  viewer: Pick<AuthUser, 'id' | 'name' | 'timeZone' | 'language'>;
  clinicName: string;
}

/** The report's data from what was read of the visit: no I/O. */
export function assembleReportData({ row, participants, call }: ReportInputs, request: ReportRequest, now: Date): SessionReportData {
  const { appointment } = row;
  const { viewer } = request;
  const isDoctor = isDoctorOf(viewer, row);
  const latest = row.notes[0];
  return {
    clinicName: request.clinicName,
    generatedAt: now,
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
    call: callFacts({ ...call, startedAt: row.startedAt, endedAt: row.endedAt, now, people: participants }),
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
