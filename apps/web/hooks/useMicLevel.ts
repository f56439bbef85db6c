'use client';

import { useEffect, useState } from 'react';

/** The microphone's loudness (0..1), measured with an AnalyserNode about 20 times a second. */
export function useMicLevel(stream: MediaStream | null): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    const track = stream?.getAudioTracks()[0];
    if (!stream || !track) {
      setLevel(0);
      return;
    }
    const ctx = new AudioContext();
    const source = ctx.createMediaStreamSource(new MediaStream([track]));
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const data = new Float32Array(analyser.fftSize);
    let last = 0;
    let frame = 0;
    const tick = (t: number) => {
      frame = requestAnimationFrame(tick);
      if (t - last < 50) return;
      last = t;
      analyser.getFloatTimeDomainData(data);
      let sum = 0;
      for (const v of data) sum += v * v;
      const rms = Math.sqrt(sum / data.length);
      // Speech sits around 0.02-0.2 RMS; a square-root curve makes quiet speech visible.
      setLevel(Math.min(1, Math.sqrt(rms * 4)));
    };
    frame = requestAnimationFrame(tick);
    void ctx.resume().catch(() => undefined);
    return () => {
      cancelAnimationFrame(frame);
      source.disconnect();
      void ctx.close().catch(() => undefined);
    };
  }, [stream]);
  return level;
}
