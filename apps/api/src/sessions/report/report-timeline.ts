import { DEFAULT_LANGUAGE, type GuestRole, type Language } from '@telehealth/contracts';
import { translator } from '../../i18n/translator';
import { inCallSentence } from './in-call-sentences';
import { formatDuration, isolated, SessionReportData, withGuestRole } from './report-data';

type TimelineEntry = SessionReportData['timeline'][number];

/** A person's name as the timeline says it, from the entry's own name, or the participants, doctor and patient; guests with their part. */
function namer(
  data: Pick<SessionReportData, 'doctor' | 'patient'> & Partial<Pick<SessionReportData, 'participants'>>,
  language: Language,
): (userId: string | null, fallback: string | null, guestRole?: GuestRole) => string {
  const guests = new Map((data.participants ?? []).filter((person) => person.guestRole).map((person) => [person.userId, person]));
  return (userId, fallback, guestRole) => {
    const guest = userId === null ? undefined : guests.get(userId);
    const name =
      fallback ??
      guest?.name ??
      (userId === data.doctor.id
        ? data.doctor.name
        : userId === data.patient.id
          ? data.patient.name
          : translator('report', language)('timeline.someone'));
    return withGuestRole(name, guestRole ?? guest?.guestRole, language);
  };
}

/** What the timeline's sentences need, and what they add up as they go. */
interface Telling {
  language: Language;
  nameOf: (userId: string | null, fallback: string | null, guestRole?: GuestRole) => string;
  otherOf: (userId: string | null) => string;
  /** Since when each waiting person has waited. */
  waitingSince: Map<string, Date>;
  waitingSeconds: number;
  reconnects: number;
}

/** Ends `userId`'s wait at `at` and counts it; null when they were not waiting. */
function stopWaiting(telling: Telling, userId: string, at: Date): number | null {
  const since = telling.waitingSince.get(userId);
  if (!since) return null;
  telling.waitingSince.delete(userId);
  const seconds = (at.getTime() - since.getTime()) / 1000;
  telling.waitingSeconds += seconds;
  return seconds;
}

/** What one entry says; WAITING, PEER_JOINED, LEFT and ENDED also count the waiting time, RECONNECTED the reconnects. */
function sentence(telling: Telling, event: TimelineEntry): string {
  const { language, nameOf, otherOf, waitingSince } = telling;
  const t = translator('report', language);
  const name = nameOf(event.userId, event.userName, event.guestRole);
  const key = event.userId ?? '';
  switch (event.type) {
    case 'JOINED':
      return t('timeline.joined', { name });
    case 'WAITING':
      waitingSince.set(key, event.at);
      return t('timeline.waited', { name, other: otherOf(event.userId) });
    case 'PEER_JOINED': {
      const waited = [...waitingSince.keys()].map((userId) => ({ userId, seconds: stopWaiting(telling, userId, event.at) ?? 0 }));
      const peer = event.detail?.peer ? nameOf(event.detail.peer, null) : otherOf(event.userId);
      // One sentence each: "A and B were connected. A had waited 2 min."
      const sentences = [
        t('timeline.connected', { name, peer }),
        ...waited.map((entry) =>
          t('timeline.hadWaited', { name: nameOf(entry.userId, null), duration: formatDuration(entry.seconds, language) }),
        ),
      ];
      return sentences.join(' ');
    }
    case 'RECONNECTED':
      telling.reconnects += 1;
      return t('timeline.reconnected', { name });
    case 'LEFT':
      stopWaiting(telling, key, event.at);
      return event.detail?.reason === 'timeout' ? t('timeline.lostConnection', { name }) : t('timeline.left', { name });
    case 'ENDED':
      for (const userId of [...waitingSince.keys()]) stopWaiting(telling, userId, event.at);
      return t('timeline.ended', { name });
    case 'WAITING_MESSAGE':
      return t('timeline.waitingMessage', { name, text: isolated(language)(event.detail?.text ?? '') });
    case 'VIDEO_OFF':
    case 'VIDEO_ON':
    case 'SCREEN_SHARE_STARTED':
    case 'SCREEN_SHARE_STOPPED':
    case 'CALL_VERIFIED':
      return inCallSentence(event.type, name, event.detail, (userId) => nameOf(userId, null), language);
  }
}

/**
 * The timeline as sentences a person understands (in `language`), plus the waiting time (from each
 * WAITING until the two were connected, the visit ended or the waiting party left) and reconnects.
 * In a right-to-left language, the names in them are isolates (report-data's `isolated`).
 */
export function describeTimeline(
  data: Pick<SessionReportData, 'timeline' | 'doctor' | 'patient' | 'endedByName'> & Partial<Pick<SessionReportData, 'participants'>>,
  language: Language = DEFAULT_LANGUAGE,
): {
  lines: Array<{ at: Date; text: string }>;
  waitingSeconds: number;
  reconnects: number;
} {
  const own = isolated(language);
  const named = namer(data, language);
  const telling: Telling = {
    language,
    nameOf: (...args) => own(named(...args)),
    otherOf: (userId) => own(userId === data.doctor.id ? data.patient.name : data.doctor.name),
    waitingSince: new Map(),
    waitingSeconds: 0,
    reconnects: 0,
  };
  const lines = data.timeline.map((event) => ({ at: event.at, text: sentence(telling, event) }));
  return { lines, waitingSeconds: Math.round(telling.waitingSeconds), reconnects: telling.reconnects };
}
