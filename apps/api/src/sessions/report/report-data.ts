import {
  GUEST_ROLE_LABELS,
  type AppointmentStatus,
  type GuestRole,
  type Role,
  type SessionEventType,
  type SessionStatus,
} from '@telehealth/contracts';
import type { CallFacts } from '../call-facts';
import { inCallSentence } from './in-call-sentences';
import { cleanText } from './report-text';

/** Everything a visit report shows, already loaded and permission-checked: no I/O from here on. */
export interface SessionReportData {
  clinicName: string;
  generatedAt: Date;
  viewer: { name: string; role: 'DOCTOR' | 'PATIENT'; timeZone: string };
  doctor: { id: string; name: string };
  patient: { id: string; name: string };
  reason: string;
  appointmentStatus: AppointmentStatus;
  sessionStatus: SessionStatus;
  scheduledStart: Date;
  scheduledEnd: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  endedByName: string | null;
  /** Doctor, patient and every guest invited, with when they first joined and last left (null: never joined / still in). */
  participants: Array<{
    userId: string;
    name: string;
    role: Role;
    guestRole?: GuestRole;
    firstJoinedAt: Date | null;
    lastLeftAt: Date | null;
  }>;
  timeline: Array<{
    type: SessionEventType;
    userId: string | null;
    userName: string | null;
    /** A guest's part in the visit: "Ana Ruiz (interpreter) joined the visit." */
    guestRole?: GuestRole;
    at: Date;
    detail: Record<string, string> | null;
  }>;
  chat: Array<{ senderName: string; senderGuestRole?: GuestRole; body: string; sentAt: Date }>;
  /** The call itself, from the whole timeline and the browsers' samples: video and audio-only time, the connection, verified-call codes. */
  call: CallFacts;
  /** How many older chat messages and timeline entries the caller did not load (see REPORT_LIMITS). */
  omitted?: { chat: number; timeline: number };
  /** The patient's copy never carries the doctor's private notes. */
  notes: { included: false } | { included: true; latest: { body: string; version: number; updatedAt: Date; authorName: string } | null };
}

/**
 * What one report may hold, so a long visit cannot make a report of hundreds of pages: the newest chat
 * messages (by count and by characters: 500 messages of up to 2,000 characters each would be ~300 pages)
 * and the newest timeline entries. The report says how many older ones it leaves out.
 */
export const REPORT_LIMITS = { chatMessages: 500, chatCharacters: 200_000, timelineEntries: 200 } as const;

export const NOTES_EXCLUDED_SENTENCE = "Doctor's notes are not included in the patient's copy.";

/** How a participant's part reads in the report: "Doctor", "Patient", "Interpreter". */
export function participantRole(participant: { role: Role; guestRole?: GuestRole }): string {
  if (participant.guestRole) {
    const label = GUEST_ROLE_LABELS[participant.guestRole];
    return label.charAt(0).toUpperCase() + label.slice(1);
  }
  return participant.role.charAt(0) + participant.role.slice(1).toLowerCase();
}

/** "Ana Ruiz (interpreter)" for a guest; anyone else's name as it is. */
export function withGuestRole(name: string, guestRole: GuestRole | undefined): string {
  return guestRole ? `${name} (${GUEST_ROLE_LABELS[guestRole]})` : name;
}

/** "1 h 4 min", "12 min 5 s", "40 s". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return rest > 0 ? `${minutes} min ${rest} s` : `${minutes} min`;
  return `${rest} s`;
}

/** Formatters for the viewer's zone; every time in the report goes through them. */
export function timeFormatters(timeZone: string) {
  const dateTime = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const isoDate = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return {
    dateTime: (at: Date) => dateTime.format(at),
    time: (at: Date) => time.format(at),
    isoDate: (at: Date) => isoDate.format(at),
  };
}

/** The formatters timeFormatters returns. */
export type TimeFormatters = ReturnType<typeof timeFormatters>;

/** A person's name as the timeline says it, from the entry's own name, or the participants, doctor and patient; guests with their part. */
function namer(
  data: Pick<SessionReportData, 'doctor' | 'patient'> & Partial<Pick<SessionReportData, 'participants'>>,
): (userId: string | null, fallback: string | null, guestRole?: GuestRole) => string {
  const guests = new Map((data.participants ?? []).filter((person) => person.guestRole).map((person) => [person.userId, person]));
  return (userId, fallback, guestRole) => {
    const guest = userId === null ? undefined : guests.get(userId);
    const name =
      fallback ??
      guest?.name ??
      (userId === data.doctor.id ? data.doctor.name : userId === data.patient.id ? data.patient.name : 'Someone');
    return withGuestRole(name, guestRole ?? guest?.guestRole);
  };
}

/**
 * The timeline as sentences a person understands, plus the waiting time (from each WAITING
 * until the two were connected, the visit ended or the waiting party left) and reconnects.
 */
export function describeTimeline(
  data: Pick<SessionReportData, 'timeline' | 'doctor' | 'patient' | 'endedByName'> & Partial<Pick<SessionReportData, 'participants'>>,
): {
  lines: Array<{ at: Date; text: string }>;
  waitingSeconds: number;
  reconnects: number;
} {
  const nameOf = namer(data);
  const otherOf = (userId: string | null) => (userId === data.doctor.id ? data.patient.name : data.doctor.name);
  const waitingSince = new Map<string, Date>();
  let waitingSeconds = 0;
  let reconnects = 0;
  const stopWaiting = (userId: string, at: Date): number | null => {
    const since = waitingSince.get(userId);
    if (!since) return null;
    waitingSince.delete(userId);
    const seconds = (at.getTime() - since.getTime()) / 1000;
    waitingSeconds += seconds;
    return seconds;
  };

  const lines = data.timeline.map((event) => {
    const name = nameOf(event.userId, event.userName, event.guestRole);
    const key = event.userId ?? '';
    switch (event.type) {
      case 'JOINED':
        return { at: event.at, text: `${name} joined the visit.` };
      case 'WAITING':
        waitingSince.set(key, event.at);
        return { at: event.at, text: `${name} waited for ${otherOf(event.userId)}.` };
      case 'PEER_JOINED': {
        const waited = [...waitingSince.keys()].map((userId) => ({ userId, seconds: stopWaiting(userId, event.at) ?? 0 }));
        const peer = event.detail?.peer ? nameOf(event.detail.peer, null) : otherOf(event.userId);
        const after = waited.map((entry) => ` ${nameOf(entry.userId, null)} had waited ${formatDuration(entry.seconds)}.`).join('');
        return { at: event.at, text: `${name} and ${peer} were connected.${after}` };
      }
      case 'RECONNECTED':
        reconnects += 1;
        return { at: event.at, text: `${name} reconnected after a connection drop.` };
      case 'LEFT': {
        stopWaiting(key, event.at);
        const text =
          event.detail?.reason === 'timeout' ? `${name} lost the connection and did not come back in time.` : `${name} left the visit.`;
        return { at: event.at, text };
      }
      case 'ENDED':
        for (const userId of [...waitingSince.keys()]) stopWaiting(userId, event.at);
        return { at: event.at, text: `${name} ended the visit.` };
      case 'WAITING_MESSAGE':
        return { at: event.at, text: `${name} told the waiting room: “${event.detail?.text ?? ''}”` };
      case 'VIDEO_OFF':
      case 'VIDEO_ON':
      case 'SCREEN_SHARE_STARTED':
      case 'SCREEN_SHARE_STOPPED':
      case 'CALL_VERIFIED':
        return { at: event.at, text: inCallSentence(event.type, name, event.detail, (userId) => nameOf(userId, null)) };
    }
  });
  return { lines, waitingSeconds: Math.round(waitingSeconds), reconnects };
}

/** "1 reconnect", "3 reconnects", "no reconnects". */
function reconnectsPhrase(count: number): string {
  return count === 0 ? 'no reconnects' : `${count} reconnect${count === 1 ? '' : 's'}`;
}

/** "0.2 %", "3 %": one decimal at most. */
function percent(value: number): string {
  return `${Number(value.toFixed(1))} %`;
}

/**
 * The Call section's sentences: "Video 23 min 10 s · audio only 4 min 2 s (of which 3 min 40 s because
 * of the connection)", the connection's path, round trip, loss and reconnects, and the verified-call codes.
 */
export function describeCall(
  call: CallFacts,
  fmt: Pick<TimeFormatters, 'time'>,
): { media: string; connection: string; verifications: string[] } {
  const { media, connection } = call;
  const network =
    media.audioOnlyForNetworkSeconds > 0 ? ` (of which ${formatDuration(media.audioOnlyForNetworkSeconds)} because of the connection)` : '';
  const mediaText =
    media.videoSeconds + media.audioOnlySeconds === 0
      ? 'Nobody was in the call together.'
      : `Video ${formatDuration(media.videoSeconds)} · audio only ${formatDuration(media.audioOnlySeconds)}${network}`;
  const path = {
    direct: 'direct (peer to peer)',
    relayed: "relayed through the clinic's TURN server",
    mixed: "partly direct (peer to peer), partly relayed through the clinic's TURN server",
    unknown: 'not measured (the browsers sent no connection samples)',
  }[connection.path];
  const parts = [path];
  if (connection.rttMedianMs !== null && connection.rttP95Ms !== null) {
    parts.push(`round trip median ${connection.rttMedianMs} ms, 95th percentile ${connection.rttP95Ms} ms`);
  }
  if (connection.lossMedianPct !== null && connection.lossP95Pct !== null) {
    parts.push(`packet loss median ${percent(connection.lossMedianPct)}, 95th ${percent(connection.lossP95Pct)}`);
  }
  parts.push(reconnectsPhrase(connection.reconnects));
  return {
    media: mediaText,
    connection: parts.join('; '),
    verifications: call.verifications.map(
      (verification) =>
        `code ${verification.code} compared aloud with ${verification.peer.name} by ${verification.verifiedBy.name} at ${fmt.time(new Date(verification.verifiedAt))}`,
    ),
  };
}

/**
 * e.g. `visit-report-2026-11-22-leo-brandt.pdf` or `visit-report-2026-11-22-иван-петров.pdf`, dated in the
 * viewer's zone, keeping the patient's name in its own script (the header gives an ASCII fallback beside it).
 */
export function reportFileName(data: Pick<SessionReportData, 'scheduledStart' | 'patient' | 'viewer'>): string {
  const date = timeFormatters(data.viewer.timeZone).isoDate(data.scheduledStart);
  const slug = [
    ...cleanText(data.patient.name)
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase(),
  ]
    .slice(0, 40)
    .join('')
    .replace(/-+$/, '');
  return `visit-report-${date}${slug ? `-${slug}` : ''}.pdf`;
}

/** The sentence the report opens with when the visit did not end normally; null when it did. */
export function statusSentence(data: SessionReportData): string | null {
  if (data.sessionStatus === 'ENDED') return null;
  if (data.appointmentStatus === 'CANCELLED') return 'This visit was cancelled and did not take place.';
  if (data.appointmentStatus === 'NO_SHOW') return 'This visit did not take place: nobody joined before its time was over (no-show).';
  if (data.sessionStatus === 'ACTIVE')
    return 'This visit has not ended yet: it is still in progress. This report is provisional and incomplete.';
  return 'This visit has not ended yet: it has not started. This report is provisional and incomplete.';
}

/** The newest messages that fit REPORT_LIMITS (count and characters), in the order they were sent. */
export function newestChat<T extends { body: string }>(messages: T[]): T[] {
  let characters = 0;
  let first = messages.length;
  while (first > 0 && messages.length - first < REPORT_LIMITS.chatMessages) {
    characters += messages[first - 1]!.body.length;
    if (characters > REPORT_LIMITS.chatCharacters && first < messages.length) break;
    first -= 1;
  }
  return messages.slice(first);
}
