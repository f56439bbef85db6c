import type { MediaState, Participant } from '@telehealth/contracts';
import type { CallQuality } from './call-quality';
import type { PeerConnectionStatus } from './call-state';

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
}

/** Audio level changes smaller than this are not worth a re-render of the call screen. */
export const AUDIO_LEVEL_STEP = 0.05;

/**
 * Whether the call screen should hear about `next` after it last saw `previous`: anyone came,
 * went or changed stream, media, connection or quality level, the picture started arriving, or
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
    before.media.audio !== after.media.audio ||
    before.media.video !== after.media.video ||
    before.connection !== after.connection ||
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
