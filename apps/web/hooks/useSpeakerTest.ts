'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

/** How long the test tone plays (ms). */
const TONE_MS = 900;

type SinkableAudio = HTMLAudioElement & { setSinkId?: (sinkId: string) => Promise<void> };

/** Whether this browser lets a page choose the speaker (`setSinkId`; Safari and Firefox on phones do not). */
export function canChooseSpeaker(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

/**
 * A short tone through the chosen speaker: a WebAudio oscillator into a MediaStream, played by an
 * <audio> element whose sink is that speaker (an AudioContext alone would use the default output).
 */
export function useSpeakerTest(speakerId: string | null): { playing: boolean; play: () => void } {
  const [playing, setPlaying] = useState(false);
  const stopRef = useRef<(() => void) | null>(null);

  const play = useCallback(() => {
    stopRef.current?.();
    const context = new AudioContext();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    const destination = context.createMediaStreamDestination();
    oscillator.type = 'sine';
    oscillator.frequency.value = 660;
    // A soft start and end: no click in the speaker.
    gain.gain.setValueAtTime(0, context.currentTime);
    gain.gain.linearRampToValueAtTime(0.25, context.currentTime + 0.05);
    gain.gain.linearRampToValueAtTime(0, context.currentTime + TONE_MS / 1000);
    oscillator.connect(gain).connect(destination);
    const audio: SinkableAudio = new Audio();
    audio.srcObject = destination.stream;
    let timer = 0;
    let started = false;
    const stop = () => {
      window.clearTimeout(timer);
      if (started) oscillator.stop();
      audio.pause();
      audio.srcObject = null;
      void context.close().catch(() => undefined);
      stopRef.current = null;
      setPlaying(false);
    };
    stopRef.current = stop;
    setPlaying(true);
    const sink = speakerId && audio.setSinkId ? audio.setSinkId(speakerId).catch(() => undefined) : Promise.resolve();
    void sink.then(() => {
      if (stopRef.current !== stop) return;
      oscillator.start();
      started = true;
      void audio.play().catch(() => undefined);
      timer = window.setTimeout(stop, TONE_MS + 100);
    });
  }, [speakerId]);

  useEffect(() => () => stopRef.current?.(), []);
  return { playing, play };
}
