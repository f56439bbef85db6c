import type { VideoLevel } from '@telehealth/call-engine';
import type { ErrorReason, LobbyGuest, MediaState, Role, WaitingPositionEvent } from '@telehealth/contracts';
import type { Translator } from '@/i18n/translator';
import { errorReason, refusalText } from './api-client';
import { partOf, type PersonInVisit } from './participants';
import type { CallFailure, CallNotice, CallSnapshot, MediaFailure } from './call-view';
import type { DeviceStatus } from './devices';
import { formatCountdown, formatDateTime, formatElapsed, formatTime, isSameZonedDay } from './time';

/** The call's words come from the `call` catalogue (messages/<language>/call.json). */
export type CallWords = Translator<'call'>;

type StateView = Pick<CallSnapshot, 'state' | 'refusal' | 'failure' | 'peers' | 'lastLeft' | 'waitingSince' | 'online'>;

/** The visit's two fixed people, by name, for sentences said before anyone else is in the call. */
export interface VisitNames {
  doctor: string;
  patient: string;
}

/** Someone in the call as the screen names them. */
export type CallPerson = PersonInVisit;

/** "Ana Ruiz (interpreter)": a name with the part its person plays, for chat lines, notices and the lobby. */
export function personText(t: CallWords, person: CallPerson): string {
  const role = partOf(person);
  return role ? t('people.withRole', { name: person.name, role }) : person.name;
}

/** What a call tile says of its person's part: "Interpreter", "Patient"; null when unknown. */
export function roleLabel(t: CallWords, person: Pick<CallPerson, 'role' | 'guestRole'>): string | null {
  const role = partOf(person);
  return role ? t('people.roleLabel', { role }) : null;
}

/** "Sam Patel", "Sam Patel and Ana Ruiz", "Sam Patel, Ana Ruiz and Leo Park", in the reader's language. */
export function namesText(t: CallWords, names: readonly string[]): string {
  const last = names[names.length - 1];
  if (names.length <= 1 || last === undefined) return last ?? '';
  return t('people.and', { rest: names.slice(0, -1).join(t('people.separator')), last });
}

/** The words of the `common` catalogue, for the refusals a call says as every screen does (lib/api-client `refusalText`). */
type CommonWords = Translator<'common'>;

/**
 * The refusals a call words for itself; any other reason is said in the common words. In a call,
 * "reload the page" (the common advice for a change made meanwhile) would end the call.
 */
const CALL_REASONS = {
  room_full: 'errors.room_full',
  not_in_room: 'errors.not_in_room',
  conflict: 'errors.conflict',
  stale_version: 'errors.conflict',
} as const satisfies Partial<Record<ErrorReason, `errors.${string}`>>;

function callReasonText(t: CallWords, reason: ErrorReason | null): string | null {
  return reason !== null && Object.hasOwn(CALL_REASONS, reason) ? t(CALL_REASONS[reason as keyof typeof CALL_REASONS]) : null;
}

/**
 * A refused action of the call (a chat line, admitting a guest, marking a code verified) in the
 * reader's language: the refusal's reason decides the sentence, never the server's English `error`.
 */
export function callErrorText(t: CallWords, common: CommonWords, error: unknown): string {
  return callReasonText(t, errorReason(error)) ?? refusalText(error, common);
}

/** "Could not switch the camera: …": a media change that failed, with the browser's own words for why. */
export function mediaErrorText(t: CallWords, failure: MediaFailure): string {
  return t('mediaError', { action: failure.action, detail: failure.detail ?? t('mediaUnknownError') });
}

/** Why the call could not be joined or went on no longer: a refusal by its reason, the service out of reach, or in general. */
export function failureText(t: CallWords, common: CommonWords, view: Pick<CallSnapshot, 'refusal' | 'failure'>): string {
  if (view.refusal) return callReasonText(t, view.refusal) ?? refusalText(view.refusal, common);
  const failure: CallFailure | null = view.failure;
  // The transport's own words (failure.detail) are English and technical: the log has them, the screen does not.
  if (failure?.kind === 'unreachable') return t('failure.unreachable');
  if (failure?.kind === 'opened-elsewhere') return t('failure.openedElsewhere');
  return t('failure.generic');
}

/** The call's state in plain words, for the status line everyone sees at all times. */
export function callStateText(t: CallWords, common: CommonWords, view: StateView, viewer: Role, now: number): string {
  const elapsed = view.waitingSince !== null ? formatElapsed(now - view.waitingSince) : null;
  switch (view.state) {
    case 'joining':
      return t('status.joining');
    case 'lobby':
      return elapsed ? t('status.lobbyFor', { elapsed }) : t('status.lobby');
    case 'waiting':
      if (viewer === 'PATIENT') return elapsed ? t('status.waitingDoctorFor', { elapsed }) : t('status.waitingDoctor');
      return elapsed ? t('status.waitingOthersFor', { elapsed }) : t('status.waitingOthers');
    case 'connecting':
      return t('status.connecting');
    case 'connected': {
      // Names only: each tile says who is who, and the line stays short enough for a phone.
      const names = view.peers.map((peer) => peer.participant.name);
      return names.length > 0 ? t('status.connectedWith', { names: namesText(t, names) }) : t('status.connected');
    }
    case 'reconnecting':
      return reconnectingText(t, view);
    case 'peer-left':
      return view.lastLeft ? t('status.peerLeft', { name: view.lastLeft.name }) : t('status.everyoneLeft');
    case 'ended':
      return t('status.ended');
    case 'left':
      return t('status.left');
    case 'failed':
      return failureText(t, common, view);
    case 'declined':
      return t('status.declined');
    case 'removed':
      return t('status.removed');
  }
}

/**
 * The call's state for a live region: the same words without the waiting time, so a screen reader
 * hears each change of state once rather than a clock every second.
 */
export function callStateAnnouncement(t: CallWords, common: CommonWords, view: StateView, viewer: Role): string {
  return callStateText(t, common, { ...view, waitingSince: null }, viewer, 0);
}

/**
 * "The visit opens at 4:50 PM (in 59 min)." in the reader's zone, for someone who came too early;
 * the day is said too when the window opens on another day there.
 */
export function visitOpensText(t: CallWords, joinOpensAt: string, now: number, timeZone: string): string {
  const countdown = formatCountdown(Date.parse(joinOpensAt) - now);
  return isSameZonedDay(joinOpensAt, new Date(now), timeZone)
    ? t('opens.at', { time: formatTime(joinOpensAt, timeZone), countdown })
    : t('opens.on', { when: formatDateTime(joinOpensAt, timeZone), countdown });
}

/**
 * The engine says 'reconnecting' when this side's socket is down, and also when every other person's
 * connection is: only the first is this side's own reconnecting; the others are waited for by name.
 */
function reconnectingText(t: CallWords, view: Pick<StateView, 'online' | 'peers'>): string {
  if (!view.online) return t('status.reconnecting');
  const away = view.peers.filter((peer) => peer.away).map((peer) => peer.participant.name);
  if (away.length > 0) return t('status.waitingForReturn', { names: namesText(t, away) });
  const names = view.peers.map((peer) => peer.participant.name);
  return names.length > 0 ? t('status.restoringWith', { names: namesText(t, names) }) : t('status.restoring');
}

/** The hint beside the status line for a state that needs one. */
export function callStateHint(t: CallWords, view: Pick<StateView, 'state' | 'online'>): string | null {
  if (view.state === 'reconnecting' && !view.online) return t('status.holdOn');
  if (view.state === 'peer-left') return t('status.theyCanRejoin');
  return null;
}

/** What the stage says while nobody else is in the call with this side. */
export function emptyStageText(
  t: CallWords,
  common: CommonWords,
  view: Pick<CallSnapshot, 'state' | 'refusal' | 'failure' | 'lastLeft'>,
  viewer: Role,
  names: VisitNames,
): string {
  switch (view.state) {
    case 'waiting':
      if (viewer === 'DOCTOR') return t('stage.waitingForPatient', { patient: names.patient });
      if (viewer === 'PATIENT') return t('stage.doctorJoinsShortly', { doctor: names.doctor });
      return t('stage.waitingForOthers');
    case 'peer-left':
      return view.lastLeft ? t('stage.peerLeft', { name: view.lastLeft.name }) : t('stage.everyoneLeft');
    case 'failed':
      return failureText(t, common, view);
    default:
      return t('status.connecting');
  }
}

/** "Ana Ruiz (interpreter) joined the call", "Ana Ruiz left; the call goes on". */
export function noticeText(t: CallWords, notice: Pick<CallNotice, 'kind' | 'participant' | 'othersRemain'>): string {
  if (notice.kind === 'joined') return t('notices.joined', { person: personText(t, notice.participant) });
  return notice.othersRemain
    ? t('notices.leftCallGoesOn', { name: notice.participant.name })
    : t('notices.leftCall', { person: personText(t, notice.participant) });
}

/** "Ana Ruiz (interpreter) is waiting", for the doctor's lobby prompt. */
export function lobbyGuestText(t: CallWords, guest: Pick<LobbyGuest, 'name' | 'guestRole'>): string {
  return t('lobby.waiting', { person: personText(t, { name: guest.name, role: 'GUEST', guestRole: guest.guestRole }) });
}

/** "Sam Lee's connection dropped, waiting for them to come back": someone else dropped, not this side. */
export function peerDroppedText(t: CallWords, name: string): string {
  return t('alerts.peerDropped', { name });
}

/** This side's own notice while adaptive quality holds its video back; null at full quality. */
export function adaptiveNoticeText(t: CallWords, level: VideoLevel): string | null {
  if (level === 'audio-only') return t('alerts.videoPaused');
  if (level === 'reduced') return t('alerts.videoReduced');
  return null;
}

/** The catalogue's selects know these statuses by name; any other reads as "could not be started". */
function blockedStatus(status: DeviceStatus): 'denied' | 'missing' | 'busy' | 'other' {
  return status === 'denied' || status === 'missing' || status === 'busy' ? status : 'other';
}

/**
 * "Dr. Maya Chen cannot hear you: your microphone is blocked." The patient is told who misses
 * them (the doctor, by name); the doctor and guests, that the others do.
 */
export function deviceBlockedText(t: CallWords, kind: 'audio' | 'video', status: DeviceStatus, viewer: Role, doctorName: string): string {
  const args = { kind, status: blockedStatus(status) };
  return viewer === 'PATIENT' ? t('alerts.blockedForPatient', { ...args, doctor: doctorName }) : t('alerts.blockedForOthers', args);
}

/** How to make the device work again, for the reason it does not. */
export function deviceHelpText(t: CallWords, status: DeviceStatus): string {
  return t('alerts.help', { status: blockedStatus(status) });
}

/** What a mute or camera button says when its device cannot be used: not a person's own "Unmute". */
export function unavailableLabel(t: CallWords, kind: 'audio' | 'video', status: DeviceStatus): string {
  return t('unavailable', { kind, status: blockedStatus(status) });
}

/**
 * Why someone's picture is not shown, in the words of its cause: they turned the camera off, their
 * camera cannot be used, or the network paused it. `testId` names the sentence for the journeys.
 */
export function peerVideoOffText(
  t: CallWords,
  name: string,
  media: Pick<MediaState, 'videoOff'>,
  audioCall = false,
): { testId: string; text: string } {
  if (media.videoOff === 'device') return { testId: 'peer-camera-unavailable', text: t('peerVideo.cameraUnavailable', { name }) };
  if (media.videoOff === 'network') return { testId: 'peer-video-paused', text: t('peerVideo.paused') };
  // In a visit booked as an audio call, nobody "turned their camera off": it never was on.
  if (audioCall) return { testId: 'peer-audio-call', text: t('peerVideo.audioCall') };
  return { testId: 'peer-camera-off', text: t('peerVideo.cameraOff', { name }) };
}

/** "You are 2nd in line · expected around 10:40 AM", or "You are next in line · …" for the first. */
export function waitingPositionText(
  t: CallWords,
  event: Pick<WaitingPositionEvent, 'position' | 'estimatedStartAt'>,
  timeZone: string,
): string {
  const time = formatTime(event.estimatedStartAt, timeZone);
  return event.position <= 1 ? t('waiting.positionNext', { time }) : t('waiting.position', { position: event.position, time });
}

/**
 * "You are 2nd in line.": what a screen reader is told when the place changes. The expected time is
 * left out: it moves with every estimate, and each move would be read out again.
 */
export function waitingPlaceText(t: CallWords, event: Pick<WaitingPositionEvent, 'position'>): string {
  return event.position <= 1 ? t('waiting.placeNext') : t('waiting.place', { position: event.position });
}
