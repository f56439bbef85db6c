'use client';

import { createContext, useContext, useEffect, useRef, type VideoHTMLAttributes } from 'react';

/** The speaker the person chose (a deviceId; null: the default): every element that plays someone's voice uses it. */
export const AudioOutputContext = createContext<string | null>(null);

type Props = Omit<VideoHTMLAttributes<HTMLVideoElement>, 'src'> & {
  stream: MediaStream | null;
  /** Changes when the stream's tracks change (same stream object): the element takes the stream again. */
  tracksKey?: string;
  'data-testid'?: string;
};

type SinkableVideo = HTMLVideoElement & { setSinkId?: (sinkId: string) => Promise<void> };

/** A <video> showing a MediaStream; calls play() after setting srcObject (needed for reliable start). */
export function MediaVideo({ stream, muted, tracksKey, ...rest }: Props) {
  const ref = useRef<SinkableVideo>(null);
  const speaker = useContext(AudioOutputContext);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    // A track swapped inside the same stream (another camera) is not always picked up by the element.
    if (video.srcObject === stream) video.srcObject = null;
    video.srcObject = stream;
    if (stream) void video.play().catch(() => undefined);
  }, [stream, tracksKey]);
  useEffect(() => {
    const video = ref.current;
    if (muted || !speaker || !video?.setSinkId) return;
    void video.setSinkId(speaker).catch(() => undefined);
  }, [muted, speaker]);
  return <video ref={ref} autoPlay playsInline muted={muted} {...rest} />;
}
