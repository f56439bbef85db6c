/** The longest notes a doctor may keep for one visit. */
export const MAX_NOTES_LENGTH = 20_000;

/** What the visit's timeline records (GET /api/sessions/:id). */
export const SESSION_EVENT_TYPES = [
  'JOINED',
  'WAITING',
  'PEER_JOINED',
  'RECONNECTED',
  'LEFT',
  'ENDED',
  'WAITING_MESSAGE',
  /**
   * Their video stopped; detail `{ cause }`: person (camera turned off, or joined audio only), network (adaptive quality),
   * device (camera unavailable); `atJoin: 'true'` when it was how they came in (their first announcement).
   */
  'VIDEO_OFF',
  /** Their video came back; detail `{ cause }` says why it had been off. */
  'VIDEO_ON',
  'SCREEN_SHARE_STARTED',
  'SCREEN_SHARE_STOPPED',
  /** The doctor compared the verified-call code aloud; detail `{ peer, code }`. */
  'CALL_VERIFIED',
] as const;
export type SessionEventType = (typeof SESSION_EVENT_TYPES)[number];
