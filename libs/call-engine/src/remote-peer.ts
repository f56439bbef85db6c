import type { ConnectionPath, MediaState, Participant } from '@telehealth/contracts';
import type { CallQuality } from './call-quality';
import type { PeerConnectionStatus } from './call-state';
import { sameMediaState } from './own-media';

/** One other person in the call, as the call screen shows them. */
export interface RemotePeer {
  participant: Participant;
  /** The peer's incoming media; null until the first track arrives. */
  stream: MediaStream | null;
  /** Their microphone and camera as they announced them ({ audio: true, video: true } until they do). */
  media: MediaState;
  connection: PeerConnectionStatus;
  /** From getStats of this pair; null until two samples of a connected pair were taken. */
  quality: CallQuality | null;
  /** 0..1 from the inbound audio level, for an active-speaker highlight. */
  audioLevel: number;
  /** Their shared screen or window while they share it (media.screenStreamId); null otherwise. */
  screen: MediaStream | null;
  /** Their signaling dropped (`peer-reconnecting`) and they are not back yet: "Sam's connection dropped, waiting for them to come back". */
  away: boolean;
  /** This pair's verified-call code ("123 456", from both DTLS fingerprints of the descriptions applied); null until both are. */
  verificationCode: string | null;
  /** The doctor marked this pair verified (`call-verified`) with the code shown now. */
  verified: boolean;
  /** How this pair's media flows (the selected ICE candidate pair); null until known. */
  path: ConnectionPath | null;
  /** The clinic's TURN server refused this side's credentials for this pair: no relayed path (a relay-only call cannot connect). */
  relayRefused: boolean;
}

/** Audio level changes smaller than this are not worth a re-render of the call screen. */
export const AUDIO_LEVEL_STEP = 0.05;

/**
 * Whether the call screen should hear about `next` after it last saw `previous`: anyone came,
 * went or changed stream, screen, media (with its causes), connection, away, verification, path or quality level, the picture started arriving, or
 * someone's audio level moved by AUDIO_LEVEL_STEP or more. Metrics that move within a quality
 * level (RTT, bitrate) ride along with the next change rather than causing one.
 */
export function peersChangedNoticeably(previous: readonly RemotePeer[], next: readonly RemotePeer[]): boolean {
  if (previous.length !== next.length) return true;
  return next.some((peer, index) => {
    const before = previous[index];
    return !before || peerChangedNoticeably(before, peer);
  });
}

function peerChangedNoticeably(before: RemotePeer, after: RemotePeer): boolean {
  return (
    !sameParticipant(before.participant, after.participant) ||
    before.stream !== after.stream ||
    before.screen !== after.screen ||
    !sameMediaState(before.media, after.media) ||
    before.connection !== after.connection ||
    before.away !== after.away ||
    before.verificationCode !== after.verificationCode ||
    before.verified !== after.verified ||
    before.path !== after.path ||
    before.relayRefused !== after.relayRefused ||
    qualityChangedNoticeably(before.quality, after.quality) ||
    Math.abs(before.audioLevel - after.audioLevel) >= AUDIO_LEVEL_STEP
  );
}

function sameParticipant(a: Participant, b: Participant): boolean {
  return a.userId === b.userId && a.name === b.name && a.role === b.role && a.guestRole === b.guestRole;
}

function qualityChangedNoticeably(before: CallQuality | null, after: CallQuality | null): boolean {
  if (!before || !after) return before !== after;
  const pictureStarted = !before.framesDecoded && !!after.framesDecoded;
  return before.level !== after.level || pictureStarted;
}

/**
 * Which of a person's incoming streams is their camera and microphone and which their shared screen:
 * the screen is the one whose id they announced (`screenStreamId`); the camera is the first to have
 * arrived of the others. A screen track that arrives before its announcement stays out of the camera's
 * place because the camera's stream arrived first.
 */
export function pickRemoteStreams<T extends { id: string }>(
  arrived: readonly T[],
  screenStreamId: string | undefined,
): { camera: T | null; screen: T | null } {
  return {
    camera: arrived.find((stream) => stream.id !== screenStreamId) ?? null,
    screen: (screenStreamId && arrived.find((stream) => stream.id === screenStreamId)) || null,
  };
}
