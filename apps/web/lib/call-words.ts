import type { VideoLevel } from '@telehealth/call-engine';
import type { LobbyGuest, MediaState, Role } from '@telehealth/contracts';
import type { CallNotice, CallSnapshot } from './call-view';
import type { DeviceStatus } from './devices';
import { listOfNames, nameWithRole } from './participants';
import { formatCountdown, formatDateTime, formatElapsed, formatTime, isSameZonedDay } from './time';

type StateView = Pick<CallSnapshot, 'state' | 'detail' | 'peers' | 'lastLeft' | 'waitingSince' | 'online'>;

/** The visit's two fixed people, by name, for sentences said before anyone else is in the call. */
export interface VisitNames {
  doctor: string;
  patient: string;
}

function elapsedSince(view: StateView, now: number): string {
  return view.waitingSince !== null ? ` (${formatElapsed(now - view.waitingSince)})` : '';
}

/** The call's state in plain words, for the status line everyone sees at all times. */
export function callStateText(view: StateView, viewer: Role, now: number): string {
  switch (view.state) {
    case 'joining':
      return 'Joining the visit…';
    case 'lobby':
      return `Waiting for the doctor to let you in${elapsedSince(view, now)}`;
    case 'waiting':
      return `${viewer === 'PATIENT' ? 'Waiting for your doctor…' : 'Waiting for others to join…'}${elapsedSince(view, now)}`;
    case 'connecting':
      return 'Connecting…';
    case 'connected': {
      // Names only: each tile says who is who, and the line stays short enough for a phone.
      const names = view.peers.map((peer) => peer.participant.name);
      return names.length > 0 ? `Connected with ${listOfNames(names)}` : 'Connected';
    }
    case 'reconnecting':
      return reconnectingText(view);
    case 'peer-left':
      return view.lastLeft ? `${view.lastLeft.name} left the visit` : 'Everyone else left the visit';
    case 'ended':
      return 'The visit has ended';
    case 'left':
      return 'You left the visit';
    case 'failed':
      return view.detail ?? 'The visit could not be joined.';
    case 'declined':
      return 'The doctor did not admit you to this visit.';
    case 'removed':
      return 'The doctor removed you from this visit.';
  }
}

/**
 * The call's state for a live region: the same words without the waiting time, so a screen reader
 * hears each change of state once rather than a clock every second.
 */
export function callStateAnnouncement(view: StateView, viewer: Role): string {
  return callStateText({ ...view, waitingSince: null }, viewer, 0);
}

/**
 * "The visit opens at 4:50 PM (in 59 min)." in the reader's zone, for someone who came too early;
 * the day is said too when the window opens on another day there.
 */
export function visitOpensText(joinOpensAt: string, now: number, timeZone: string): string {
  const countdown = formatCountdown(Date.parse(joinOpensAt) - now);
  return isSameZonedDay(joinOpensAt, new Date(now), timeZone)
    ? `The visit opens at ${formatTime(joinOpensAt, timeZone)} (${countdown}).`
    : `The visit opens on ${formatDateTime(joinOpensAt, timeZone)} (${countdown}).`;
}

/**
 * The engine says 'reconnecting' when this side's socket is down, and also when every other person's
 * connection is: only the first is this side's own reconnecting; the others are waited for by name.
 */
function reconnectingText(view: Pick<StateView, 'online' | 'peers'>): string {
  if (!view.online) return 'Reconnecting…';
  const away = view.peers.filter((peer) => peer.away).map((peer) => peer.participant.name);
  if (away.length > 0) return `Waiting for ${listOfNames(away)} to come back…`;
  const names = view.peers.map((peer) => peer.participant.name);
  return names.length > 0 ? `Restoring the connection with ${listOfNames(names)}…` : 'Restoring the connection…';
}

/** The hint beside the status line for a state that needs one. */
export function callStateHint(view: Pick<StateView, 'state' | 'online'>): string | null {
  if (view.state === 'reconnecting' && !view.online) return 'Hold on, we are restoring your connection.';
  if (view.state === 'peer-left') return 'They can rejoin; stay on this page to wait.';
  return null;
}

/** What the stage says while nobody else is in the call with this side. */
export function emptyStageText(view: Pick<CallSnapshot, 'state' | 'detail' | 'lastLeft'>, viewer: Role, names: VisitNames): string {
  switch (view.state) {
    case 'waiting':
      if (viewer === 'DOCTOR') return `Waiting for ${names.patient} to join.`;
      if (viewer === 'PATIENT') return `${names.doctor} will join you shortly. Please stay on this page.`;
      return 'Waiting for the others to join. Please stay on this page.';
    case 'peer-left':
      return `${view.lastLeft?.name ?? 'Everyone else'} left. You can wait here in case they come back.`;
    case 'failed':
      return view.detail ?? 'The visit could not be joined.';
    default:
      return 'Connecting…';
  }
}

/** "Ana Ruiz (interpreter) joined the call", "Ana Ruiz left; the call goes on". */
export function noticeText(notice: Pick<CallNotice, 'kind' | 'participant' | 'othersRemain'>): string {
  if (notice.kind === 'joined') return `${nameWithRole(notice.participant)} joined the call`;
  return notice.othersRemain ? `${notice.participant.name} left; the call goes on` : `${nameWithRole(notice.participant)} left the call`;
}

/** "Ana Ruiz (interpreter) is waiting", for the doctor's lobby prompt. */
export function lobbyGuestText(guest: Pick<LobbyGuest, 'name' | 'guestRole'>): string {
  return `${nameWithRole({ name: guest.name, role: 'GUEST', guestRole: guest.guestRole })} is waiting`;
}

/** "Sam Lee's connection dropped, waiting for them to come back": someone else dropped, not this side. */
export function peerDroppedText(name: string): string {
  return `${name}’s connection dropped, waiting for them to come back`;
}

/** This side's own notice while adaptive quality holds its video back; null at full quality. */
export function adaptiveNoticeText(level: VideoLevel): string | null {
  if (level === 'audio-only') {
    return 'Your connection is weak: video is paused to keep the sound clear. It comes back when the connection recovers.';
  }
  if (level === 'reduced') return 'Your connection is weak: video quality lowered.';
  return null;
}

const DEVICE_NOUN = { audio: 'microphone', video: 'camera' } as const;
const NOT_WORKING: Partial<Record<DeviceStatus, string>> = {
  denied: 'is blocked',
  missing: 'was not found',
  busy: 'is in use by another app',
};

/**
 * "Dr. Maya Chen cannot hear you: your microphone is blocked." The patient is told who misses
 * them (the doctor, by name); the doctor and guests, that the others do.
 */
export function deviceBlockedText(kind: 'audio' | 'video', status: DeviceStatus, viewer: Role, doctorName: string): string {
  const who = viewer === 'PATIENT' ? doctorName : 'The others';
  const verb = kind === 'audio' ? 'hear' : 'see';
  const noun = DEVICE_NOUN[kind];
  const what = NOT_WORKING[status];
  return what ? `${who} cannot ${verb} you: your ${noun} ${what}.` : `${who} cannot ${verb} you: your ${noun} could not be started.`;
}

/** How to make the device work again, for the reason it does not. */
export function deviceHelpText(status: DeviceStatus): string {
  switch (status) {
    case 'denied':
      return 'To allow it, click the camera or lock icon in the address bar, choose Allow, then press “Try again”.';
    case 'missing':
      return 'Connect one (a headset works), then press “Try again”.';
    case 'busy':
      return 'Close the other app that uses it (another call, a recorder), then press “Try again”.';
    default:
      return 'Press “Try again”, or go back to the device check to choose another device.';
  }
}

/** What a mute or camera button says when its device cannot be used: not a person's own "Unmute". */
export function unavailableLabel(kind: 'audio' | 'video', status: DeviceStatus): string {
  const noun = kind === 'audio' ? 'Microphone' : 'Camera';
  if (status === 'denied') return `${noun} blocked`;
  if (status === 'missing') return `No ${noun.toLowerCase()}`;
  if (status === 'busy') return `${noun} in use`;
  return `${noun} unavailable`;
}

/**
 * Why someone's picture is not shown, in the words of its cause: they turned the camera off, their
 * camera cannot be used, or the network paused it. `testId` names the sentence for the journeys.
 */
export function peerVideoOffText(name: string, media: Pick<MediaState, 'videoOff'>): { testId: string; text: string } {
  if (media.videoOff === 'device')
    return { testId: 'peer-camera-unavailable', text: `Camera unavailable: ${name}’s browser cannot use their camera.` };
  if (media.videoOff === 'network') return { testId: 'peer-video-paused', text: 'Video paused: poor connection' };
  return { testId: 'peer-camera-off', text: `${name} turned their camera off.` };
}

/** The one line that says what the verified-call code is for. */
export const VERIFICATION_EXPLAINED = 'Read the code aloud: if both screens show the same digits, no one is listening in between.';
