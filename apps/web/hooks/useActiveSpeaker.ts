'use client';

import { useEffect, useState, type RefObject } from 'react';
import type { CallEngine } from '@telehealth/call-engine';
import { NOBODY_SPEAKING, nextSpeaker } from '@/lib/active-speaker';

/** How often everyone's audio level is read (ms): quick enough to follow a conversation. */
const SAMPLE_MS = 250;

/**
 * Who among the others in the call speaks now, by user id (null when nobody does): the engine's
 * audio levels read a few times a second, steadied by `nextSpeaker` so the highlight does not flicker.
 * The engine measures the levels with its connection statistics (every 2 s by default), so the
 * highlight follows a conversation only as quickly as those samples come.
 */
export function useActiveSpeaker(engineRef: RefObject<CallEngine | null>, inCall: boolean): string | null {
  const [speaker, setSpeaker] = useState<string | null>(null);
  useEffect(() => {
    if (!inCall) return;
    let track = NOBODY_SPEAKING;
    const timer = window.setInterval(() => {
      // A muted microphone says nothing, whatever the last stats sample heard.
      const levels = (engineRef.current?.peers ?? [])
        .filter((peer) => peer.media.audio)
        .map((peer) => ({ id: peer.participant.userId, level: peer.audioLevel }));
      track = nextSpeaker(track, levels, Date.now());
      // The same id again does not render again.
      setSpeaker(track.speaker);
    }, SAMPLE_MS);
    return () => window.clearInterval(timer);
  }, [engineRef, inCall]);
  return inCall ? speaker : null;
}
