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
 * The camera and microphone for a visit. Asks for both at once; when that fails, asks for
 * each alone so the person learns which device is the problem and can still join with the other.
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
      let result: MediaStream;
      let cam: DeviceStatus = 'off';
      let mic: DeviceStatus;
      const both = await tryGet({ audio: AUDIO, video: audioOnly ? false : VIDEO });
      if (both.stream) {
        result = both.stream;
        mic = result.getAudioTracks().length ? 'ok' : 'missing';
        cam = audioOnly ? 'off' : result.getVideoTracks().length ? 'ok' : 'missing';
      } else {
        const audio = await tryGet({ audio: AUDIO });
        mic = audio.status;
        const tracks = [...(audio.stream?.getTracks() ?? [])];
        if (!audioOnly) {
          const video = await tryGet({ video: VIDEO });
          cam = video.status;
          tracks.push(...(video.stream?.getTracks() ?? []));
        }
        result = new MediaStream(tracks);
      }
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
