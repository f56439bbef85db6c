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
import { recordName } from './participants';
import { formatDuration, formatTime } from './time';

export type VisitOutcome = 'COMPLETED' | 'NO_SHOW' | 'CANCELLED' | 'ENDED' | 'IN_PROGRESS' | 'NOT_HELD';

const OUTCOME_LABEL: Record<VisitOutcome, string> = {
  COMPLETED: 'Completed',
  NO_SHOW: 'No-show',
  CANCELLED: 'Cancelled',
  ENDED: 'Ended',
  IN_PROGRESS: 'In progress',
  NOT_HELD: 'Did not take place',
};

/** What became of a visit, from the appointment's status and the session's (the history's one word for it). */
export function visitOutcome(visit: Pick<SessionResponse, 'appointmentStatus' | 'status'>): { outcome: VisitOutcome; label: string } {
  let outcome: VisitOutcome;
  if (visit.appointmentStatus !== 'SCHEDULED') outcome = visit.appointmentStatus;
  else if (visit.status === 'ENDED') outcome = 'ENDED';
  else if (visit.status === 'ACTIVE') outcome = 'IN_PROGRESS';
  else outcome = 'NOT_HELD';
  return { outcome, label: OUTCOME_LABEL[outcome] };
}

/** The person on the other side of the visit for `viewerId`. */
export function otherParty(visit: Pick<SessionResponse, 'doctor' | 'patient'>, viewerId: string): { id: string; name: string } {
  return visit.doctor.id === viewerId ? visit.patient : visit.doctor;
}

/** Wording for the other party's role, seen from the viewer's side. */
export function otherRoleLabel(viewerIsDoctor: boolean): string {
  return viewerIsDoctor ? 'Patient' : 'Doctor';
}

type CallMediaEventType = Extract<
  SessionEventType,
  'VIDEO_OFF' | 'VIDEO_ON' | 'SCREEN_SHARE_STARTED' | 'SCREEN_SHARE_STOPPED' | 'CALL_VERIFIED'
>;

type NameOf = (userId: string | null, fallback?: string | null) => string;

/** Guests are named with their part ("Ana Ruiz (interpreter)"); the doctor and the patient as always. */
function timelineNamer(timeline: SessionTimelineEntry[], visit: Pick<SessionResponse, 'doctor' | 'patient'>): NameOf {
  const guests = new Map<string, string>();
  for (const event of timeline) {
    if (event.userId && event.userName && (event.userRole === 'GUEST' || event.guestRole)) {
      guests.set(event.userId, recordName({ name: event.userName, role: event.userRole, guestRole: event.guestRole }));
    }
  }
  return (userId, fallback = null) =>
    (userId ? guests.get(userId) : undefined) ??
    fallback ??
    (userId === visit.doctor.id ? visit.doctor.name : userId === visit.patient.id ? visit.patient.name : 'Someone');
}

// Worded as the PDF report words them (apps/api sessions/report/in-call-sentences.ts), so the page and the report agree.
const VIDEO_OFF_WORDS: Record<VideoOffCause, (name: string, atJoin: boolean) => string> = {
  person: (name, atJoin) => (atJoin ? `${name} joined with audio only` : `${name} turned their camera off`),
  network: (name) => `Video paused for ${name}: poor connection`,
  device: (name) => `Video stopped for ${name}: camera unavailable`,
};

/** Keyed by why the video had been off. */
const VIDEO_ON_WORDS: Record<VideoOffCause, (name: string) => string> = {
  person: (name) => `${name} turned their camera on`,
  network: (name) => `Video resumed for ${name}: the connection recovered`,
  device: (name) => `Video resumed for ${name}: the camera is available again`,
};

/** Why the video was (or had been) off; the person's own choice unless the entry says otherwise, as the server records it. */
function videoOffCause(event: SessionTimelineEntry): VideoOffCause {
  return VIDEO_OFF_CAUSES.find((cause) => cause === event.detail?.cause) ?? 'person';
}

/** The timeline's lines about what someone sent: video off and on (with why), screen sharing, the verified call. */
function mediaSentence(type: CallMediaEventType, event: SessionTimelineEntry, name: string, nameOf: NameOf): string {
  switch (type) {
    case 'VIDEO_OFF':
      // The server marks a seat's first announcement: video off then is how they came in.
      return VIDEO_OFF_WORDS[videoOffCause(event)](name, event.detail?.atJoin === 'true');
    case 'VIDEO_ON':
      return VIDEO_ON_WORDS[videoOffCause(event)](name);
    case 'SCREEN_SHARE_STARTED':
      return `${name} started sharing their screen`;
    case 'SCREEN_SHARE_STOPPED':
      return `${name} stopped sharing their screen`;
    case 'CALL_VERIFIED':
      return `${name} compared the verified-call code ${event.detail?.code ?? ''} aloud with ${nameOf(event.detail?.peer ?? null)}: the call is verified`;
  }
}

/**
 * The timeline as sentences, the way the PDF report words them, so the page and the report agree.
 * Names come from the event, else from the visit's doctor and patient.
 */
export function timelineSentences(
  timeline: SessionTimelineEntry[],
  visit: Pick<SessionResponse, 'doctor' | 'patient'>,
): Array<{ at: string; text: string; type: SessionTimelineEntry['type'] }> {
  const nameOf = timelineNamer(timeline, visit);
  const otherOf = (userId: string | null) => (userId === visit.doctor.id ? visit.patient.name : visit.doctor.name);
  const waitingSince = new Map<string, number>();

  return timeline.map((event) => {
    const name = nameOf(event.userId, event.userName);
    const key = event.userId ?? '';
    const at = Date.parse(event.at);
    let text: string;
    switch (event.type) {
      case 'JOINED':
        text = `${name} joined`;
        break;
      case 'WAITING':
        waitingSince.set(key, at);
        text = `${name} waited for ${otherOf(event.userId)}`;
        break;
      case 'PEER_JOINED': {
        const peer = event.detail?.peer ? nameOf(event.detail.peer) : otherOf(event.userId);
        const waited = [...waitingSince.entries()].map(
          ([userId, since]) => `${nameOf(userId)} had waited ${formatDuration((at - since) / 1000)}`,
        );
        waitingSince.clear();
        text = `${name} and ${peer} were connected${waited.length ? ` (${waited.join(', ')})` : ''}`;
        break;
      }
      case 'RECONNECTED':
        text = `${name} reconnected after a connection drop`;
        break;
      case 'LEFT':
        waitingSince.delete(key);
        text = event.detail?.reason === 'timeout' ? `${name} lost the connection and did not come back in time` : `${name} left the visit`;
        break;
      case 'ENDED':
        waitingSince.clear();
        text = `${name} ended the visit`;
        break;
      case 'WAITING_MESSAGE':
        text = `${name} told the waiting room: “${event.detail?.text ?? ''}”`;
        break;
      case 'VIDEO_OFF':
      case 'VIDEO_ON':
      case 'SCREEN_SHARE_STARTED':
      case 'SCREEN_SHARE_STOPPED':
      case 'CALL_VERIFIED':
        text = mediaSentence(event.type, event, name, nameOf);
    }
    return { at: event.at, text, type: event.type };
  });
}

/**
 * "Video 23 min 10 s · Audio only 4 min 2 s, of which 3 min 40 s because of a poor connection":
 * how long the call ran with video and with audio only (billing rules often tell the two apart).
 */
export function mediaSummary(media: CallMediaSummary): string {
  if (media.videoSeconds === 0 && media.audioOnlySeconds === 0) return 'No time in the call together';
  const video = `Video ${formatDuration(media.videoSeconds)}`;
  if (media.audioOnlySeconds === 0) return `${video} · No time with audio only`;
  const forNetwork = Math.min(media.audioOnlyForNetworkSeconds, media.audioOnlySeconds);
  const why =
    forNetwork === 0
      ? ''
      : forNetwork === media.audioOnlySeconds
        ? ', all of it because of a poor connection'
        : `, of which ${formatDuration(forNetwork)} because of a poor connection`;
  return `${video} · Audio only ${formatDuration(media.audioOnlySeconds)}${why}`;
}

const PATH_WORDS: Record<ConnectionFacts['path'], string> = {
  direct: 'Direct, peer to peer',
  relayed: 'Relayed through the clinic’s TURN server',
  mixed: 'Partly direct, partly relayed through the clinic’s TURN server',
  unknown: 'Connection path not measured',
};

/** "0.4%", "12%": a tenth of a percent is as fine as loss is worth reading. */
function percent(value: number): string {
  return `${Math.round(value * 10) / 10}%`;
}

function medianAndP95(label: string, median: number | null, p95: number | null, unit: (value: number) => string): string {
  if (median === null || p95 === null) return `${label} not measured`;
  return `${label} ${unit(median)} median, ${unit(p95)} at the 95th percentile`;
}

/**
 * "Direct, peer to peer · Round trip 42 ms median, 120 ms at the 95th percentile · Packet loss 0.2% median,
 * 1.5% at the 95th percentile · No reconnects": the call's connection as the record states it.
 */
export function connectionSummary(connection: ConnectionFacts): string {
  if (connection.samples === 0) return 'No connection measurements were taken';
  const reconnects =
    connection.reconnects === 0 ? 'No reconnects' : connection.reconnects === 1 ? '1 reconnect' : `${connection.reconnects} reconnects`;
  return [
    PATH_WORDS[connection.path],
    medianAndP95('Round trip', connection.rttMedianMs, connection.rttP95Ms, (ms) => `${Math.round(ms)} ms`),
    medianAndP95('Packet loss', connection.lossMedianPct, connection.lossP95Pct, percent),
    reconnects,
  ].join(' · ');
}

/**
 * "Verified call: code 482 193 compared aloud with Sam Lee by Dr. Ana Ruiz at 10:42 AM" (one per pair
 * the doctor checked, times in `timeZone`), or "Not verified: …" as the PDF report says it.
 */
export function verificationSummary(verifications: CallVerification[], timeZone: string): string {
  if (verifications.length === 0) return 'Not verified: nobody compared the verified-call code aloud';
  const checks = verifications.map(
    (check) =>
      `code ${check.code} compared aloud with ${check.peer.name} by ${check.verifiedBy.name} at ${formatTime(check.verifiedAt, timeZone)}`,
  );
  return `Verified call: ${checks.join('; ')}`;
}
