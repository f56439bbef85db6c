import {
  VIDEO_OFF_CAUSES,
  type CallMediaSummary,
  type CallVerification,
  type ConnectionFacts,
  type SessionEventType,
  type SessionResponse,
  type SessionTimelineEntry,
  type VideoOffCause,
} from '@telehealth/contracts';
import type { Translator } from '@/i18n/translator';
import { partOf, type PersonInVisit } from './participants';
import { formatDuration, formatTime } from './time';

export type VisitOutcome = 'COMPLETED' | 'NO_SHOW' | 'CANCELLED' | 'ENDED' | 'IN_PROGRESS' | 'NOT_HELD';

/** What became of a visit, from the appointment's status and the session's (the history's one word for it: `t('outcome.<outcome>')`). */
export function visitOutcome(visit: Pick<SessionResponse, 'appointmentStatus' | 'status'>): { outcome: VisitOutcome } {
  let outcome: VisitOutcome;
  if (visit.appointmentStatus !== 'SCHEDULED') outcome = visit.appointmentStatus;
  else if (visit.status === 'ENDED') outcome = 'ENDED';
  else if (visit.status === 'ACTIVE') outcome = 'IN_PROGRESS';
  else outcome = 'NOT_HELD';
  return { outcome };
}

/** "Ana Ruiz (interpreter)": a name with the part its person plays (chat lines, lists of guests). */
export function nameWithRole(person: PersonInVisit, t: Translator<'history'>): string {
  const role = partOf(person);
  return role ? t('people.nameWithRole', { name: person.name, role }) : person.name;
}

/** "Interpreter", "Doctor": the part someone plays, as a label beside their name; null when unknown. */
export function roleLabel(person: Pick<PersonInVisit, 'role' | 'guestRole'>, t: Translator<'history'>): string | null {
  const role = partOf(person);
  return role ? t('people.role', { role }) : null;
}

/**
 * A name as the record's sentences write it: guests with their part ("Ana Ruiz (interpreter)"),
 * the doctor and the patient by name alone, as the visit has always been told.
 */
export function recordName(person: PersonInVisit, t: Translator<'history'>): string {
  return person.role === 'GUEST' || person.guestRole ? nameWithRole(person, t) : person.name;
}

/** Names joined as a list in the page's language: "Ana Ruiz (interpreter), Leo Park (guest)". */
export function listOf(items: readonly string[], t: Translator<'history'>): string {
  return items.join(t('people.listSeparator'));
}

/** The person on the other side of the visit for `viewerId`. */
export function otherParty(visit: Pick<SessionResponse, 'doctor' | 'patient'>, viewerId: string): { id: string; name: string } {
  return visit.doctor.id === viewerId ? visit.patient : visit.doctor;
}

/** Wording for the other party's role, seen from the viewer's side. */
export function otherRoleLabel(viewerIsDoctor: boolean, t: Translator<'history'>): string {
  return viewerIsDoctor ? t('otherRole.patient') : t('otherRole.doctor');
}

type CallMediaEventType = Extract<
  SessionEventType,
  'VIDEO_OFF' | 'VIDEO_ON' | 'SCREEN_SHARE_STARTED' | 'SCREEN_SHARE_STOPPED' | 'CALL_VERIFIED'
>;

type NameOf = (userId: string | null, fallback?: string | null) => string;

/** Guests are named with their part ("Ana Ruiz (interpreter)"); the doctor and the patient as always. */
function timelineNamer(
  timeline: SessionTimelineEntry[],
  visit: Pick<SessionResponse, 'doctor' | 'patient'>,
  t: Translator<'history'>,
): NameOf {
  const guests = new Map<string, string>();
  for (const event of timeline) {
    if (event.userId && event.userName && (event.userRole === 'GUEST' || event.guestRole)) {
      guests.set(event.userId, recordName({ name: event.userName, role: event.userRole, guestRole: event.guestRole }, t));
    }
  }
  return (userId, fallback = null) =>
    (userId ? guests.get(userId) : undefined) ??
    fallback ??
    (userId === visit.doctor.id ? visit.doctor.name : userId === visit.patient.id ? visit.patient.name : t('people.someone'));
}

// Worded as the PDF report words them (apps/api sessions/report/in-call-sentences.ts), so the page and the report agree.
const VIDEO_OFF_KEYS = {
  person: 'events.cameraOff',
  network: 'events.videoPausedNetwork',
  device: 'events.videoStoppedDevice',
} as const satisfies Record<VideoOffCause, string>;

/** Keyed by why the video had been off. */
const VIDEO_ON_KEYS = {
  person: 'events.cameraOn',
  network: 'events.videoResumedNetwork',
  device: 'events.videoResumedDevice',
} as const satisfies Record<VideoOffCause, string>;

/** Why the video was (or had been) off; the person's own choice unless the entry says otherwise, as the server records it. */
function videoOffCause(event: SessionTimelineEntry): VideoOffCause {
  return VIDEO_OFF_CAUSES.find((cause) => cause === event.detail?.cause) ?? 'person';
}

/** The timeline's lines about what someone sent: video off and on (with why), screen sharing, the verified call. */
function mediaSentence(
  type: CallMediaEventType,
  event: SessionTimelineEntry,
  name: string,
  nameOf: NameOf,
  t: Translator<'history'>,
): string {
  switch (type) {
    case 'VIDEO_OFF': {
      const cause = videoOffCause(event);
      // The server marks a seat's first announcement: video off then is how they came in.
      if (cause === 'person' && event.detail?.atJoin === 'true') return t('events.joinedAudioOnly', { name });
      return t(VIDEO_OFF_KEYS[cause], { name });
    }
    case 'VIDEO_ON':
      return t(VIDEO_ON_KEYS[videoOffCause(event)], { name });
    case 'SCREEN_SHARE_STARTED':
      return t('events.screenShareStarted', { name });
    case 'SCREEN_SHARE_STOPPED':
      return t('events.screenShareStopped', { name });
    case 'CALL_VERIFIED':
      return t('events.callVerified', { name, code: event.detail?.code ?? '', peer: nameOf(event.detail?.peer ?? null) });
  }
}

/**
 * The timeline as sentences, the way the PDF report words them, so the page and the report agree.
 * Names come from the event, else from the visit's doctor and patient.
 */
export function timelineSentences(
  timeline: SessionTimelineEntry[],
  visit: Pick<SessionResponse, 'doctor' | 'patient'>,
  t: Translator<'history'>,
): Array<{ at: string; text: string; type: SessionTimelineEntry['type'] }> {
  const nameOf = timelineNamer(timeline, visit, t);
  const otherOf = (userId: string | null) => (userId === visit.doctor.id ? visit.patient.name : visit.doctor.name);
  const waitingSince = new Map<string, number>();

  return timeline.map((event) => {
    const name = nameOf(event.userId, event.userName);
    const key = event.userId ?? '';
    const at = Date.parse(event.at);
    let text: string;
    switch (event.type) {
      case 'JOINED':
        text = t('events.joined', { name });
        break;
      case 'WAITING':
        waitingSince.set(key, at);
        text = t('events.waited', { name, other: otherOf(event.userId) });
        break;
      case 'PEER_JOINED': {
        const peer = event.detail?.peer ? nameOf(event.detail.peer) : otherOf(event.userId);
        const waited = [...waitingSince.entries()].map(([userId, since]) =>
          t('events.hadWaited', { name: nameOf(userId), duration: formatDuration((at - since) / 1000) }),
        );
        waitingSince.clear();
        text = waited.length
          ? t('events.connectedAfterWait', { name, peer, waits: listOf(waited, t) })
          : t('events.connected', { name, peer });
        break;
      }
      case 'RECONNECTED':
        text = t('events.reconnected', { name });
        break;
      case 'LEFT':
        waitingSince.delete(key);
        text = event.detail?.reason === 'timeout' ? t('events.lostConnection', { name }) : t('events.left', { name });
        break;
      case 'ENDED':
        waitingSince.clear();
        text = t('events.ended', { name });
        break;
      case 'WAITING_MESSAGE':
        text = t('events.waitingMessage', { name, text: event.detail?.text ?? '' });
        break;
      case 'VIDEO_OFF':
      case 'VIDEO_ON':
      case 'SCREEN_SHARE_STARTED':
      case 'SCREEN_SHARE_STOPPED':
      case 'CALL_VERIFIED':
        text = mediaSentence(event.type, event, name, nameOf, t);
    }
    return { at: event.at, text, type: event.type };
  });
}

/**
 * "Video 23 min 10 s · Audio only 4 min 2 s, of which 3 min 40 s because of a poor connection":
 * how long the call ran with video and with audio only (billing rules often tell the two apart).
 */
export function mediaSummary(media: CallMediaSummary, t: Translator<'history'>): string {
  if (media.videoSeconds === 0 && media.audioOnlySeconds === 0) return t('media.none');
  const video = formatDuration(media.videoSeconds);
  if (media.audioOnlySeconds === 0) return t('media.videoOnly', { video });
  const audioOnly = formatDuration(media.audioOnlySeconds);
  const forNetwork = Math.min(media.audioOnlyForNetworkSeconds, media.audioOnlySeconds);
  if (forNetwork === 0) return t('media.audioOnly', { video, audioOnly });
  if (forNetwork === media.audioOnlySeconds) return t('media.audioOnlyAllNetwork', { video, audioOnly });
  return t('media.audioOnlyPartNetwork', { video, audioOnly, network: formatDuration(forNetwork) });
}

/** "0.4", "12": a tenth of a percent is as fine as loss is worth reading. */
function tenths(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * "Direct, peer to peer · Round trip 42 ms median, 120 ms at the 95th percentile · Packet loss 0.2% median,
 * 1.5% at the 95th percentile · No reconnects": the call's connection as the record states it.
 */
export function connectionSummary(connection: ConnectionFacts, t: Translator<'history'>): string {
  if (connection.samples === 0) return t('connection.none');
  const { rttMedianMs, rttP95Ms, lossMedianPct, lossP95Pct } = connection;
  const roundTrip =
    rttMedianMs === null || rttP95Ms === null
      ? t('connection.roundTripNone')
      : t('connection.roundTrip', { median: Math.round(rttMedianMs), p95: Math.round(rttP95Ms) });
  const loss =
    lossMedianPct === null || lossP95Pct === null
      ? t('connection.lossNone')
      : t('connection.loss', { median: tenths(lossMedianPct), p95: tenths(lossP95Pct) });
  // A list of separate facts, not a sentence: each is whole in itself.
  return [t(`connection.path.${connection.path}`), roundTrip, loss, t('connection.reconnects', { count: connection.reconnects })].join(
    ' · ',
  );
}

/**
 * "Verified call: code 482 193 compared aloud with Sam Lee by Dr. Ana Ruiz at 10:42 AM" (one per pair
 * the doctor checked, times in `timeZone`), or "Not verified: …" as the PDF report says it.
 */
export function verificationSummary(verifications: CallVerification[], timeZone: string, t: Translator<'history'>): string {
  if (verifications.length === 0) return t('verification.none');
  const checks = verifications.map((check) =>
    t('verification.check', {
      code: check.code,
      peer: check.peer.name,
      by: check.verifiedBy.name,
      time: formatTime(check.verifiedAt, timeZone),
    }),
  );
  return t('verification.verified', { checks: checks.join(t('verification.separator')) });
}
