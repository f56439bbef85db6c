'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

export type DeviceStatus = 'pending' | 'ok' | 'denied' | 'missing' | 'busy' | 'unsupported' | 'error' | 'off';

export interface LocalMedia {
  stream: MediaStream | null;
  camera: DeviceStatus;
  microphone: DeviceStatus;
  audioOnly: boolean;
  setAudioOnly: (audioOnly: boolean) => void;
  retry: () => void;
  /** Stops every local track (on leaving the page). */
  stop: () => void;
}

function classify(error: unknown): DeviceStatus {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'missing';
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return 'busy';
  return 'error';
}

async function tryGet(constraints: MediaStreamConstraints): Promise<{ stream?: MediaStream; status: DeviceStatus }> {
  try {
    return { stream: await navigator.mediaDevices.getUserMedia(constraints), status: 'ok' };
  } catch (error) {
    return { status: classify(error) };
  }
}

const VIDEO: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'user' };
const AUDIO: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };

/**
 * Both devices at once; when that fails, each alone, so the person learns which device is the
 * problem and can still join with the other.
 */
async function acquireDevices(audioOnly: boolean): Promise<{ stream: MediaStream; camera: DeviceStatus; microphone: DeviceStatus }> {
  const both = await tryGet({ audio: AUDIO, video: audioOnly ? false : VIDEO });
  if (both.stream) {
    const stream = both.stream;
    const microphone = stream.getAudioTracks().length ? 'ok' : 'missing';
    const camera = audioOnly ? 'off' : stream.getVideoTracks().length ? 'ok' : 'missing';
    return { stream, camera, microphone };
  }
  const audio = await tryGet({ audio: AUDIO });
  const tracks = [...(audio.stream?.getTracks() ?? [])];
  let camera: DeviceStatus = 'off';
  if (!audioOnly) {
    const video = await tryGet({ video: VIDEO });
    camera = video.status;
    tracks.push(...(video.stream?.getTracks() ?? []));
  }
  return { stream: new MediaStream(tracks), camera, microphone: audio.status };
}

/**
 * The camera and microphone for a visit (see acquireDevices), asked again on retry or when the
 * person switches to audio only.
 */
export function useLocalMedia(): LocalMedia {
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [camera, setCamera] = useState<DeviceStatus>('pending');
  const [microphone, setMicrophone] = useState<DeviceStatus>('pending');
  const [audioOnly, setAudioOnlyState] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const current = useRef<MediaStream | null>(null);

  const stop = useCallback(() => {
    current.current?.getTracks().forEach((track) => track.stop());
    current.current = null;
  }, []);

  useEffect(() => {
    let cancelled = false;
    async function acquire() {
      if (!navigator.mediaDevices?.getUserMedia) {
        setCamera('unsupported');
        setMicrophone('unsupported');
        return;
      }
      setCamera(audioOnly ? 'off' : 'pending');
      setMicrophone('pending');
      const { stream: result, camera: cam, microphone: mic } = await acquireDevices(audioOnly);
      if (cancelled) {
        result.getTracks().forEach((track) => track.stop());
        return;
      }
      stop();
      current.current = result;
      setStream(result);
      setCamera(cam);
      setMicrophone(mic);
    }
    void acquire();
    return () => {
      cancelled = true;
    };
  }, [audioOnly, attempt, stop]);

  useEffect(() => stop, [stop]);

  return {
    stream,
    camera,
    microphone,
    audioOnly,
    setAudioOnly: setAudioOnlyState,
    retry: () => setAttempt((n) => n + 1),
    stop,
  };
}
