import type { MediaState } from '@telehealth/contracts';
import type { VideoLevel } from './adaptive-video';

/** Everything this side's announced microphone and camera follow from. */
export interface OwnMedia {
  /** The local stream has a track of that kind. */
  hasAudioTrack: boolean;
  hasVideoTrack: boolean;
  /** The person's own choice: microphone unmuted, camera on. */
  audioOn: boolean;
  videoOn: boolean;
  /** Devices the browser would not give (blocked, missing, in use). */
  unavailable: { audio?: boolean; video?: boolean };
  /** What adaptive quality lets this side send. */
  level: VideoLevel;
  /** While sharing a screen: the id of its stream. */
  screenStreamId?: string;
}

/** Whether the camera sender of `kind` carries the local track now. */
export function sendsOwn(own: OwnMedia, kind: 'audio' | 'video'): boolean {
  if (kind === 'audio') return own.hasAudioTrack && own.audioOn && !own.unavailable.audio;
  return own.hasVideoTrack && own.videoOn && !own.unavailable.video && own.level !== 'audio-only';
}

/**
 * What this side announces (`media-state`), with why a kind is off: an unavailable device comes
 * first (the person could not turn it on), then the person's own choice (including joining
 * without a camera), then the network (adaptive quality paused the video).
 */
export function announcedOwnMedia(own: OwnMedia): MediaState {
  const media: MediaState = { audio: sendsOwn(own, 'audio'), video: sendsOwn(own, 'video') };
  if (!media.audio) media.audioOff = own.unavailable.audio ? 'device' : 'person';
  if (!media.video) media.videoOff = own.unavailable.video ? 'device' : own.hasVideoTrack && own.videoOn ? 'network' : 'person';
  if (own.screenStreamId) media.screenStreamId = own.screenStreamId;
  return media;
}

export function sameMediaState(a: MediaState, b: MediaState): boolean {
  return (
    a.audio === b.audio &&
    a.video === b.video &&
    a.audioOff === b.audioOff &&
    a.videoOff === b.videoOff &&
    a.screenStreamId === b.screenStreamId
  );
}
