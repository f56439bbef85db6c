import { type MediaState, type SessionEventType, VIDEO_OFF_CAUSES, type VideoOffCause } from '@telehealth/contracts';

/** What the timeline keeps of one person's media: whether they send video (and why not), and whether they share a screen. */
export interface AnnouncedMedia {
  video: boolean;
  /** Why video is off; absent while it is on. */
  videoOff?: VideoOffCause;
  screen: boolean;
}

export function announcedMedia(state: MediaState): AnnouncedMedia {
  return state.video
    ? { video: true, screen: state.screenStreamId !== undefined }
    : { video: false, videoOff: state.videoOff ?? 'person', screen: state.screenStreamId !== undefined };
}

export interface MediaChange {
  type: Extract<SessionEventType, 'VIDEO_OFF' | 'VIDEO_ON' | 'SCREEN_SHARE_STARTED' | 'SCREEN_SHARE_STOPPED'>;
  detail?: Record<string, string>;
}

/**
 * The timeline entries between two announcements of one person: VIDEO_OFF with its cause, VIDEO_ON
 * with the cause it had been off for, a screen share starting or stopping. A repeated state writes
 * nothing; video that stays off for another reason (the network gave way, then the person turned the
 * camera off) writes VIDEO_OFF again, so the audio-only time is put down to the right cause.
 * `atJoin`: this is the seat's first announcement (VIDEO_OFF then carries `atJoin: 'true'`).
 */
export function mediaChanges(before: AnnouncedMedia, after: AnnouncedMedia, atJoin = false): MediaChange[] {
  const changes: MediaChange[] = [];
  // A seat's first announcement with video off is how they came in ("joined with audio only"), not something they did.
  if (before.video && !after.video)
    changes.push({ type: 'VIDEO_OFF', detail: { cause: after.videoOff ?? 'person', ...(atJoin ? { atJoin: 'true' } : {}) } });
  else if (!before.video && after.video) changes.push({ type: 'VIDEO_ON', detail: { cause: before.videoOff ?? 'person' } });
  else if (!before.video && !after.video && before.videoOff !== after.videoOff) {
    changes.push({ type: 'VIDEO_OFF', detail: { cause: after.videoOff ?? 'person' } });
  }
  if (!before.screen && after.screen) changes.push({ type: 'SCREEN_SHARE_STARTED' });
  else if (before.screen && !after.screen) changes.push({ type: 'SCREEN_SHARE_STOPPED' });
  return changes;
}

/**
 * A person's media as their timeline entries left it (the latest video entry and the latest screen
 * entry, JOINED included: a join means camera on and no screen shared until they say otherwise): where a new socket's first announcement is compared from, so a person who
 * comes back after a drop with their camera on again gets their VIDEO_ON.
 */
export function mediaFromTimeline(latest: {
  videoEvent?: SessionEventType | null;
  videoCause?: string | null;
  screenEvent?: SessionEventType | null;
}): AnnouncedMedia {
  const video = latest.videoEvent !== 'VIDEO_OFF';
  const cause = VIDEO_OFF_CAUSES.find((known) => known === latest.videoCause) ?? 'person';
  return video
    ? { video: true, screen: latest.screenEvent === 'SCREEN_SHARE_STARTED' }
    : { video: false, videoOff: cause, screen: latest.screenEvent === 'SCREEN_SHARE_STARTED' };
}
