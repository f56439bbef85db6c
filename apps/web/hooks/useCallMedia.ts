'use client';

import { useCallback, useState, type RefObject } from 'react';
import type { CallEngine } from '@telehealth/call-engine';

/** This side's microphone and camera in the call: what exists, what is on, and the toggles. */
export function useCallMedia(engineRef: RefObject<CallEngine | null>, localStream: MediaStream) {
  const hasAudio = localStream.getAudioTracks().length > 0;
  const hasVideo = localStream.getVideoTracks().length > 0;
  const [audioEnabled, setAudioEnabled] = useState(hasAudio);
  const [videoEnabled, setVideoEnabled] = useState(hasVideo);

  const toggleAudio = useCallback(() => {
    const next = !audioEnabled;
    engineRef.current?.setAudioEnabled(next);
    setAudioEnabled(next);
  }, [audioEnabled, engineRef]);

  const toggleVideo = useCallback(() => {
    const next = !videoEnabled;
    engineRef.current?.setVideoEnabled(next);
    setVideoEnabled(next);
  }, [videoEnabled, engineRef]);

  return { hasAudio, hasVideo, audioEnabled, videoEnabled, toggleAudio, toggleVideo };
}
