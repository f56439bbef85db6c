import type { AppointmentStatus, GuestRole, Role, SessionStatus } from '../../generated/prisma/client';
import type { SqlPool } from '../../prisma/sql-pool';
import { readCallEvents, readCallStatsSamples, readParticipants } from '../call-record.reads';
import type { CallEvent } from '../call-event';
import type { CallStatsSample } from '../connection-facts';
import type { ParticipantRow, SessionDetailRow } from '../session.mapper';
import { REPORT_LIMITS, type SessionReportData } from './report-data';

/**
 * What a report reads of a visit (the fields of the Prisma rows it used before, so the report's mapping
 * stayed as it was; the chat lines already as the report shows them): the visit, its parties, the
 * latest note when asked, its newest chat lines and timeline entries (oldest first), and how many
 * lines and entries there are in all.
 */
export interface ReportRow {
  status: SessionStatus;
  startedAt: Date | null;
  endedAt: Date | null;
  endedBy: { name: string } | null;
  appointment: {
    doctorId: string;
    doctor: { id: string; name: string };
    patient: { id: string; name: string };
    reason: string;
    status: AppointmentStatus;
    startsAt: Date;
    endsAt: Date;
  };
  notes: Array<{ body: string; version: number; createdAt: Date; author: { name: string } }>;
  /** As the report shows them: the sender's name and a guest's part, the text, when. */
  chatMessages: SessionReportData['chat'];
  events: SessionDetailRow['events'];
  _count: { chatMessages: number; events: number };
}

/** All a report is made from: the visit, its people, and its call as recorded (whole, not only the newest entries). */
export interface ReportInputs {
  row: ReportRow;
  participants: ParticipantRow[];
  call: { events: CallEvent[]; samples: CallStatsSample[] };
}

interface ReportVisitRow {
  status: SessionStatus;
  startedAt: Date | null;
  endedAt: Date | null;
  endedByName: string | null;
  doctorId: string;
  doctorName: string;
  patientId: string;
  patientName: string;
  reason: string;
  appointmentStatus: AppointmentStatus;
  startsAt: Date;
  endsAt: Date;
  chatCount: number;
  eventCount: number;
  noteBody: string | null;
  noteVersion: number | null;
  noteCreatedAt: Date | null;
  noteAuthorName: string | null;
}

type ChatLineRow = Omit<SessionReportData['chat'][number], 'senderGuestRole'> & { senderGuestRole: GuestRole | null };

type TimelineRow = Omit<SessionDetailRow['events'][number], 'user'> & {
  userName: string | null;
  userRole: Role | null;
  userGuestRole: GuestRole | null;
};

/**
 * What a visit's report reads, in plain SQL on the pool it is given: a report worker thread's own, so
 * that neither the rows nor the objects made of them ever reach the API's event loop (the API's own
 * pool only with the embedded database, which the workers cannot share).
 */
export class ReportRepository {
  constructor(private readonly sql: SqlPool) {}

  /** Everything the report of visit `sessionId` shows (the latest note only `withNotes`), or null when there is no such visit. */
  async inputs(sessionId: string, withNotes: boolean): Promise<ReportInputs | null> {
    const [row, participants, events, samples] = await Promise.all([
      this.visit(sessionId, withNotes, { chatMessages: REPORT_LIMITS.chatMessages, events: REPORT_LIMITS.timelineEntries }),
      readParticipants(this.sql, sessionId),
      readCallEvents(this.sql, sessionId),
      readCallStatsSamples(this.sql, sessionId),
    ]);
    return row ? { row, participants, call: { events, samples } } : null;
  }

  /**
   * A visit as its report shows it, in three plain SQL statements: only the newest `limits` chat lines
   * and timeline entries, so a long visit never loads whole into memory. (Through Prisma, one nested
   * findUnique, a 500-line chat cost about 17 ms of CPU per report.)
   */
  private async visit(id: string, withNotes: boolean, limits: { chatMessages: number; events: number }): Promise<ReportRow | null> {
    const [visit, chatMessages, events] = await Promise.all([
      this.reportVisit(id, withNotes),
      this.newestChatLines(id, limits.chatMessages),
      this.newestTimelineRows(id, limits.events),
    ]);
    if (!visit) return null;
    return {
      status: visit.status,
      startedAt: visit.startedAt,
      endedAt: visit.endedAt,
      endedBy: visit.endedByName === null ? null : { name: visit.endedByName },
      appointment: {
        doctorId: visit.doctorId,
        doctor: { id: visit.doctorId, name: visit.doctorName },
        patient: { id: visit.patientId, name: visit.patientName },
        reason: visit.reason,
        status: visit.appointmentStatus,
        startsAt: visit.startsAt,
        endsAt: visit.endsAt,
      },
      notes:
        visit.noteBody === null || visit.noteVersion === null || visit.noteCreatedAt === null
          ? []
          : [
              {
                body: visit.noteBody,
                version: visit.noteVersion,
                createdAt: visit.noteCreatedAt,
                author: { name: visit.noteAuthorName ?? '' },
              },
            ],
      chatMessages,
      events,
      _count: { chatMessages: visit.chatCount, events: visit.eventCount },
    };
  }

  private async reportVisit(sessionId: string, withNotes: boolean): Promise<ReportVisitRow | undefined> {
    const { rows } = await this.sql.query<ReportVisitRow>(
      `SELECT s.status, s.started_at AS "startedAt", s.ended_at AS "endedAt", ended_by.name AS "endedByName",
              a.doctor_id AS "doctorId", doctor.name AS "doctorName", a.patient_id AS "patientId", patient.name AS "patientName",
              a.reason, a.status AS "appointmentStatus", a.starts_at AS "startsAt", a.ends_at AS "endsAt",
              (SELECT count(*) FROM chat_messages WHERE session_id = s.id)::int AS "chatCount",
              (SELECT count(*) FROM session_events WHERE session_id = s.id)::int AS "eventCount",
              note.body AS "noteBody", note.version AS "noteVersion", note.created_at AS "noteCreatedAt", author.name AS "noteAuthorName"
         FROM sessions s
         JOIN appointments a ON a.id = s.appointment_id
         JOIN users doctor ON doctor.id = a.doctor_id
         JOIN users patient ON patient.id = a.patient_id
         LEFT JOIN users ended_by ON ended_by.id = s.ended_by_id
         LEFT JOIN LATERAL (
           SELECT body, version, created_at, author_id FROM notes WHERE session_id = s.id AND $2::boolean ORDER BY version DESC LIMIT 1
         ) note ON true
         LEFT JOIN users author ON author.id = note.author_id
        WHERE s.id = $1`,
      [sessionId, withNotes],
    );
    return rows[0];
  }

  private async newestChatLines(sessionId: string, limit: number): Promise<SessionReportData['chat']> {
    const { rows } = await this.sql.query<ChatLineRow>(
      `SELECT "senderName", "senderGuestRole", body, "sentAt" FROM (
         SELECT m.id, m.body, m.sent_at AS "sentAt", u.name AS "senderName", g.role AS "senderGuestRole"
           FROM chat_messages m JOIN users u ON u.id = m.sender_id LEFT JOIN visit_guests g ON g.id = u.id
          WHERE m.session_id = $1
          ORDER BY m.sent_at DESC, m.id DESC
          LIMIT $2
       ) newest ORDER BY "sentAt", id`,
      [sessionId, limit],
    );
    return rows.map(({ senderGuestRole, ...line }) => (senderGuestRole ? { ...line, senderGuestRole } : line));
  }

  private async newestTimelineRows(sessionId: string, limit: number): Promise<SessionDetailRow['events']> {
    const { rows } = await this.sql.query<TimelineRow>(
      `SELECT * FROM (
         SELECT e.id, e.session_id AS "sessionId", e.user_id AS "userId", e.type, e.detail, e.occurred_at AS "occurredAt",
                u.name AS "userName", u.role AS "userRole", g.role AS "userGuestRole"
           FROM session_events e LEFT JOIN users u ON u.id = e.user_id LEFT JOIN visit_guests g ON g.id = u.id
          WHERE e.session_id = $1
          ORDER BY e.occurred_at DESC, e.id DESC
          LIMIT $2
       ) newest ORDER BY "occurredAt", id`,
      [sessionId, limit],
    );
    return rows.map(({ userName, userRole, userGuestRole, ...event }) => ({
      ...event,
      user:
        userName === null || userRole === null
          ? null
          : { name: userName, role: userRole, guestOf: userGuestRole ? { role: userGuestRole } : null },
    }));
  }
}
