import type { SessionEventType } from '@telehealth/contracts';

/** A timeline entry as the call's facts read it (see call-media, call-verifications). */
export interface CallEvent {
  type: SessionEventType;
  userId: string | null;
  userName?: string | null;
  at: Date;
  detail: Record<string, string> | null;
}

/** The entry types the call's facts are computed from: a report, which loads only the newest entries, loads these whole. */
export const CALL_EVENT_TYPES: readonly SessionEventType[] = [
  'JOINED',
  'RECONNECTED',
  'LEFT',
  'ENDED',
  'VIDEO_OFF',
  'VIDEO_ON',
  'SCREEN_SHARE_STARTED',
  'SCREEN_SHARE_STOPPED',
  'CALL_VERIFIED',
];
