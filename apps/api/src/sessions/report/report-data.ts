import {
  DEFAULT_LANGUAGE,
  textDirection,
  type AppointmentStatus,
  type GuestRole,
  type Language,
  type Role,
  type SessionEventType,
  type SessionStatus,
} from '@telehealth/contracts';
import { translator } from '../../i18n/translator';
import type { CallFacts } from '../call-facts';
import { cleanText } from './report-text';

/** Everything a visit report shows, already loaded and permission-checked: no I/O from here on. */
export interface SessionReportData {
  clinicName: string;
  generatedAt: Date;
  /** Who downloads the report: it is written in their language, its times in their zone. */
  viewer: { name: string; role: 'DOCTOR' | 'PATIENT'; timeZone: string; language: Language };
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

export const NOTES_EXCLUDED_SENTENCE = translator('report', 'en')('notes.excluded');

const ISOLATE_CONTROLS = /[\u2066-\u2069]/g;

/**
 * Text a person wrote (a name, a message), set inside a sentence of a right-to-left report between FSI
 * and PDI so that it keeps its own direction there (the report's right-to-left writer reads them, and
 * they are never drawn); as it is in a left-to-right one.
 */
export function isolated(language: Language): (text: string) => string {
  return textDirection(language) === 'rtl' ? (text) => `\u2068${text.replace(ISOLATE_CONTROLS, '')}\u2069` : (text) => text;
}

/** How a participant's part reads in the report: "Doctor", "Patient", "Interpreter". */
export function participantRole(participant: { role: Role; guestRole?: GuestRole }, language: Language = DEFAULT_LANGUAGE): string {
  return translator('report', language)('participants.role', { role: participant.guestRole ?? participant.role });
}

/** "Ana Ruiz (interpreter)" for a guest; anyone else's name as it is. */
export function withGuestRole(name: string, guestRole: GuestRole | undefined, language: Language = DEFAULT_LANGUAGE): string {
  return guestRole ? translator('report', language)('participants.withGuestRole', { name, role: guestRole }) : name;
}

/** "1 h 4 min", "12 min 5 s", "40 s" (in Arabic "1 س 4 د" …). */
export function formatDuration(totalSeconds: number, language: Language = DEFAULT_LANGUAGE): string {
  const t = translator('report', language);
  const seconds = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return t('duration.hoursMinutes', { hours, minutes });
  if (minutes > 0) return rest > 0 ? t('duration.minutesSeconds', { minutes, seconds: rest }) : t('duration.minutes', { minutes });
  return t('duration.seconds', { seconds: rest });
}

// Intl's Arabic sets direction marks around some parts; the report lays out directions itself.
const withoutMarks = (text: string) => text.replace(/[\u061c\u200e\u200f]/g, '');

/**
 * Formatters for the viewer's zone and language; every time in the report goes through them. English
 * keeps its British layout ("Mon, 2 Mar 2026, 10:00 CET"); the others are as Intl writes them.
 */
export function timeFormatters(timeZone: string, language: Language = DEFAULT_LANGUAGE) {
  const locale = language === 'en' ? 'en-GB' : language;
  const dateTime = new Intl.DateTimeFormat(locale, {
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
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const isoDate = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return {
    dateTime: (at: Date) => withoutMarks(dateTime.format(at)),
    time: (at: Date) => withoutMarks(time.format(at)),
    isoDate: (at: Date) => isoDate.format(at),
  };
}

/** The formatters timeFormatters returns. */
export type TimeFormatters = ReturnType<typeof timeFormatters>;

/** A number as the report writes it: English as it always has ("0.2", "1200"), the others with Intl ("0,2"). */
function reportNumber(value: number, language: Language): string {
  return language === 'en'
    ? String(value)
    : new Intl.NumberFormat(language, { maximumFractionDigits: 1, useGrouping: false }).format(value);
}

/** "0.2", "3": one decimal at most. */
function percent(value: number, language: Language): string {
  return reportNumber(Number(value.toFixed(1)), language);
}

/**
 * The Call section's sentences: "Video 23 min 10 s · audio only 4 min 2 s (of which 3 min 40 s because
 * of the connection)", the connection's path, round trip, loss and reconnects, and the verified-call codes.
 */
export function describeCall(
  call: CallFacts,
  fmt: Pick<TimeFormatters, 'time'>,
  language: Language = DEFAULT_LANGUAGE,
): { media: string; connection: string; verifications: string[] } {
  const t = translator('report', language);
  const own = isolated(language);
  const duration = (seconds: number) => formatDuration(seconds, language);
  const { media, connection } = call;
  const mediaText =
    media.videoSeconds + media.audioOnlySeconds === 0
      ? t('call.nobodyTogether')
      : media.audioOnlyForNetworkSeconds > 0
        ? t('call.mediaWithNetwork', {
            video: duration(media.videoSeconds),
            audioOnly: duration(media.audioOnlySeconds),
            network: duration(media.audioOnlyForNetworkSeconds),
          })
        : t('call.media', { video: duration(media.videoSeconds), audioOnly: duration(media.audioOnlySeconds) });
  const parts = [t(`call.path.${connection.path}`)];
  if (connection.rttMedianMs !== null && connection.rttP95Ms !== null) {
    parts.push(
      t('call.roundTrip', { median: reportNumber(connection.rttMedianMs, language), p95: reportNumber(connection.rttP95Ms, language) }),
    );
  }
  if (connection.lossMedianPct !== null && connection.lossP95Pct !== null) {
    parts.push(
      t('call.packetLoss', { median: percent(connection.lossMedianPct, language), p95: percent(connection.lossP95Pct, language) }),
    );
  }
  parts.push(t('call.reconnects', { count: connection.reconnects }));
  return {
    media: mediaText,
    connection: parts.join(t('call.separator')),
    verifications: call.verifications.map((verification) =>
      t('call.verification', {
        code: verification.code,
        peer: own(verification.peer.name),
        by: own(verification.verifiedBy.name),
        time: fmt.time(new Date(verification.verifiedAt)),
      }),
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

/** The sentence the report opens with when the visit did not end normally (in the viewer's language); null when it did. */
export function statusSentence(data: SessionReportData): string | null {
  const t = translator('report', data.viewer.language);
  if (data.sessionStatus === 'ENDED') return null;
  if (data.appointmentStatus === 'CANCELLED') return t('status.cancelled');
  if (data.appointmentStatus === 'NO_SHOW') return t('status.noShow');
  if (data.sessionStatus === 'ACTIVE') return t('status.inProgress');
  return t('status.notStarted');
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
