import type { LobbyGuest, Role } from '@telehealth/contracts';
import type { CallNotice, CallSnapshot } from './call-view';
import { listOfNames, nameWithRole } from './participants';
import { formatElapsed } from './time';

type StateView = Pick<CallSnapshot, 'state' | 'detail' | 'peers' | 'lastLeft' | 'waitingSince'>;

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
      return 'Reconnecting…';
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
