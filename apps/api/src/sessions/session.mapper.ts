import type {
  ChatMessage,
  LatestNotes,
  NotesResponse,
  NoteVersion,
  SessionDetailResponse,
  SessionEventType,
  SessionResponse,
  SessionTimelineEntry,
  VisitParticipant,
} from '@telehealth/contracts';
import type { AuthUser } from '../auth/auth-user';
import type { Prisma } from '../generated/prisma/client';
import type { CallFacts } from './call-facts';

const PARTY = { select: { id: true, name: true, timeZone: true } } as const;

/** What every session query includes, so one mapper serves the list, the detail and the report. */
export const SESSION_INCLUDE = {
  appointment: { include: { doctor: PARTY, patient: PARTY } },
  endedBy: { select: { id: true, name: true } },
  _count: { select: { notes: true } },
} satisfies Prisma.SessionInclude;

export type SessionRow = Prisma.SessionGetPayload<{ include: typeof SESSION_INCLUDE }>;

/** Who wrote a line or caused an event: their name, role, and a guest's part in the visit. */
const PERSON = { select: { name: true, role: true, guestOf: { select: { role: true } } } } as const;

/** The detail adds what happened inside the visit. Notes are loaded only for its doctor. */
export function sessionDetailInclude(withNotes: boolean) {
  return {
    ...SESSION_INCLUDE,
    events: { orderBy: { occurredAt: 'asc' }, include: { user: PERSON } },
    chatMessages: { orderBy: { sentAt: 'asc' }, include: { sender: PERSON } },
    // take 0 keeps one row type for both viewers while loading no private notes for a patient.
    notes: { orderBy: { version: 'desc' }, take: withNotes ? 1 : 0, include: { author: { select: { name: true } } } },
  } satisfies Prisma.SessionInclude;
}

export type SessionDetailRow = Prisma.SessionGetPayload<{ include: ReturnType<typeof sessionDetailInclude> }>;

export type NoteRow = Prisma.NoteGetPayload<{ include: { author: { select: { name: true } } } }>;

/** Several events can share a millisecond (JOINED then WAITING); this keeps their causal order. */
const EVENT_ORDER: Record<SessionEventType, number> = {
  JOINED: 0,
  RECONNECTED: 1,
  WAITING: 2,
  WAITING_MESSAGE: 3,
  PEER_JOINED: 4,
  VIDEO_OFF: 5,
  VIDEO_ON: 5,
  SCREEN_SHARE_STARTED: 5,
  SCREEN_SHARE_STOPPED: 5,
  CALL_VERIFIED: 6,
  LEFT: 7,
  ENDED: 8,
};

export function isDoctorOf(user: Pick<AuthUser, 'id'>, row: { appointment: { doctorId: string } }): boolean {
  return row.appointment.doctorId === user.id;
}

export function durationSeconds(startedAt: Date | null, endedAt: Date | null): number | null {
  if (!startedAt || !endedAt) return null;
  return Math.max(0, Math.round((endedAt.getTime() - startedAt.getTime()) / 1000));
}

export function toSessionResponse(row: SessionRow, viewer: Pick<AuthUser, 'id'>): SessionResponse {
  const appointment = row.appointment;
  const response: SessionResponse = {
    id: row.id,
    appointmentId: appointment.id,
    status: row.status,
    appointmentStatus: appointment.status,
    doctor: appointment.doctor,
    patient: appointment.patient,
    reason: appointment.reason,
    scheduledStart: appointment.startsAt.toISOString(),
    scheduledEnd: appointment.endsAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    durationSeconds: durationSeconds(row.startedAt, row.endedAt),
    endedBy: row.endedBy ? { id: row.endedBy.id, name: row.endedBy.name } : null,
  };
  if (isDoctorOf(viewer, row)) response.hasNotes = row._count.notes > 0;
  return response;
}

export function toTimelineEntries(events: SessionDetailRow['events']): SessionTimelineEntry[] {
  return [...events]
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || EVENT_ORDER[a.type] - EVENT_ORDER[b.type])
    .map((event) => ({
      type: event.type,
      userId: event.userId,
      userName: event.user?.name ?? null,
      ...(event.user ? { userRole: event.user.role } : {}),
      ...(event.user?.guestOf ? { guestRole: event.user.guestOf.role } : {}),
      at: event.occurredAt.toISOString(),
      detail: stringRecord(event.detail),
    }));
}

export function toChatTranscript(messages: SessionDetailRow['chatMessages']): ChatMessage[] {
  return messages.map((message) => ({
    id: message.id,
    sessionId: message.sessionId,
    from: message.senderId,
    senderName: message.sender.name,
    senderRole: message.sender.role,
    ...(message.sender.guestOf ? { senderGuestRole: message.sender.guestOf.role } : {}),
    body: message.body,
    sentAt: message.sentAt.toISOString(),
  }));
}

/** A participant as the repository reads them (participants: doctor, patient, then the guests). */
export interface ParticipantRow {
  userId: string;
  name: string;
  role: VisitParticipant['role'];
  guestRole: VisitParticipant['guestRole'] | null;
  firstJoinedAt: Date | null;
  lastLeftAt: Date | null;
}

export function toVisitParticipant(row: ParticipantRow): VisitParticipant {
  return {
    userId: row.userId,
    name: row.name,
    role: row.role,
    ...(row.guestRole ? { guestRole: row.guestRole } : {}),
    firstJoinedAt: row.firstJoinedAt?.toISOString() ?? null,
    lastLeftAt: row.lastLeftAt?.toISOString() ?? null,
  };
}

export function toLatestNotes(note: NoteRow | undefined): LatestNotes | null {
  if (!note) return null;
  return { body: note.body, version: note.version, updatedAt: note.createdAt.toISOString(), authorName: note.author.name };
}

export function toSessionDetailResponse(
  row: SessionDetailRow,
  participants: ParticipantRow[],
  call: CallFacts,
  viewer: Pick<AuthUser, 'id'>,
): SessionDetailResponse {
  const detail: SessionDetailResponse = {
    ...toSessionResponse(row, viewer),
    ...call,
    participants: participants.map(toVisitParticipant),
    timeline: toTimelineEntries(row.events),
    chat: toChatTranscript(row.chatMessages),
  };
  if (isDoctorOf(viewer, row)) detail.notes = toLatestNotes(row.notes[0]);
  return detail;
}

export function toNoteVersion(note: NoteRow): NoteVersion {
  return {
    version: note.version,
    body: note.body,
    authorId: note.authorId,
    authorName: note.author.name,
    createdAt: note.createdAt.toISOString(),
  };
}

/** `history` newest first; the editor starts from version 0 and an empty body before the first save. */
export function toNotesResponse(sessionId: string, history: NoteRow[]): NotesResponse {
  const latest = history[0];
  return {
    sessionId,
    body: latest?.body ?? '',
    version: latest?.version ?? 0,
    updatedAt: latest?.createdAt.toISOString() ?? null,
    authorName: latest?.author.name ?? null,
    history: history.map(toNoteVersion),
  };
}

function stringRecord(value: Prisma.JsonValue | null): Record<string, string> | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, typeof item === 'string' ? item : JSON.stringify(item)]));
}
