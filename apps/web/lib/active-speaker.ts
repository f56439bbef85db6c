/** The audio level (0..1) above which someone counts as speaking: above breathing and room noise. */
export const SPEAKING_LEVEL = 0.02;
/** How long someone must be the loudest before the highlight moves to them. */
export const SWITCH_AFTER_MS = 300;
/** How long the room must be quiet before the highlight goes: pauses between words keep it. */
export const QUIET_AFTER_MS = 1200;

/**
 * Who is highlighted as speaking, and who may be next: the highlight follows a new loudest voice
 * only once it has stayed the loudest a moment, so two people talking over each other, or a
 * breath between words, do not make the outline flicker.
 */
export interface SpeakerTrack {
  speaker: string | null;
  /** What is heard now but not shown yet (a new loudest voice, or quiet: id null), and since when (ms). */
  next: { id: string | null; since: number } | null;
}

export const NOBODY_SPEAKING: SpeakerTrack = { speaker: null, next: null };

/** The id of the loudest level above `SPEAKING_LEVEL`, or null when everyone is quiet. */
export function loudest(levels: ReadonlyArray<{ id: string; level: number }>): string | null {
  let best: { id: string; level: number } | null = null;
  for (const entry of levels) {
    if (entry.level > SPEAKING_LEVEL && (!best || entry.level > best.level)) best = entry;
  }
  return best?.id ?? null;
}

/** The highlight after one sample of everyone's audio level at `now` (ms). */
export function nextSpeaker(track: SpeakerTrack, levels: ReadonlyArray<{ id: string; level: number }>, now: number): SpeakerTrack {
  // Someone who left cannot stay highlighted.
  const speaker = track.speaker !== null && levels.some((entry) => entry.id === track.speaker) ? track.speaker : null;
  const voice = loudest(levels);
  if (voice === speaker) return speaker === track.speaker && track.next === null ? track : { speaker, next: null };
  if (track.next?.id !== voice) return { speaker, next: { id: voice, since: now } };
  const wait = voice === null ? QUIET_AFTER_MS : SWITCH_AFTER_MS;
  return now - track.next.since >= wait ? { speaker: voice, next: null } : speaker === track.speaker ? track : { ...track, speaker };
}
