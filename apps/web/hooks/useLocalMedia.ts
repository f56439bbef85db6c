'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallMedia } from '@telehealth/contracts';
import {
  cameraConstraints,
  DEVICE_PREFERENCES_KEY,
  deviceLists,
  deviceStatusOf,
  microphoneConstraints,
  NO_DEVICES,
  NO_PREFERENCES,
  parseDevicePreferences,
  type DeviceKind,
  type DeviceLists,
  type DevicePreferences,
  type DeviceStatus,
} from '@/lib/devices';

export type { DeviceStatus } from '@/lib/devices';

export interface LocalMedia {
  /**
   * The one stream of the visit. It stays the same object for the whole call (the call restarts when
   * it changes): the call swaps its tracks when the person switches devices or turns the camera on.
   */
  stream: MediaStream | null;
  camera: DeviceStatus;
  microphone: DeviceStatus;
  audioOnly: boolean;
  setAudioOnly: (audioOnly: boolean) => void;
  /**
   * The visit's kind of call, said once by the device check: an audio call starts with the camera
   * off (the person may still turn it on), a video call with it on. Nothing is asked of the browser
   * before, so an audio call never asks for the camera unless the person wants it; later calls change nothing.
   */
  startWith: (media: CallMedia) => void;
  retry: () => void;
  /** Stops every local track (on leaving the page). */
  stop: () => void;
  /** The cameras, microphones and speakers the browser offers now (refreshed when one is plugged in or out). */
  devices: DeviceLists;
  /** The devices picked (remembered between visits), or those in use; null: the browser's default. */
  chosen: DevicePreferences;
  /** The device check: use this device (asks for the camera and microphone again). */
  choose: (kind: DeviceKind, deviceId: string) => void;
  /** In the call: remember a device the call switched to itself (the stream stays). */
  remember: (kind: DeviceKind, deviceId: string | null) => void;
}

function storedPreferences(): DevicePreferences {
  try {
    return parseDevicePreferences(localStorage.getItem(DEVICE_PREFERENCES_KEY));
  } catch {
    return NO_PREFERENCES;
  }
}

function storePreferences(preferences: DevicePreferences): void {
  try {
    localStorage.setItem(DEVICE_PREFERENCES_KEY, JSON.stringify(preferences));
  } catch {
    // storage unavailable (private mode): the choice lasts for this page only
  }
}

async function tryGet(constraints: MediaStreamConstraints): Promise<{ stream?: MediaStream; status: DeviceStatus }> {
  try {
    return { stream: await navigator.mediaDevices.getUserMedia(constraints), status: 'ok' };
  } catch (error) {
    return { status: deviceStatusOf(error) };
  }
}

/**
 * Both devices at once; when that fails, each alone, so the person learns which device is the
 * problem and can still join with the other.
 */
async function acquireDevices(
  audioOnly: boolean,
  preferred: DevicePreferences,
): Promise<{ tracks: MediaStreamTrack[]; camera: DeviceStatus; microphone: DeviceStatus }> {
  const audio = microphoneConstraints(preferred.microphone);
  const video = cameraConstraints(preferred.camera);
  const both = await tryGet({ audio, video: audioOnly ? false : video });
  if (both.stream) {
    const stream = both.stream;
    const microphone = stream.getAudioTracks().length ? 'ok' : 'missing';
    const camera = audioOnly ? 'off' : stream.getVideoTracks().length ? 'ok' : 'missing';
    return { tracks: stream.getTracks(), camera, microphone };
  }
  const alone = await tryGet({ audio });
  const tracks = [...(alone.stream?.getTracks() ?? [])];
  let camera: DeviceStatus = 'off';
  if (!audioOnly) {
    const picture = await tryGet({ video });
    camera = picture.status;
    tracks.push(...(picture.stream?.getTracks() ?? []));
  }
  return { tracks, camera, microphone: alone.status };
}

/** The browser's lists of devices, read again whenever a device comes or goes. */
function useDeviceLists(refreshAfter: unknown): DeviceLists {
  const [devices, setDevices] = useState<DeviceLists>(NO_DEVICES);
  useEffect(() => {
    const mediaDevices = navigator.mediaDevices;
    if (!mediaDevices?.enumerateDevices) return;
    let cancelled = false;
    const read = () =>
      void mediaDevices
        .enumerateDevices()
        .then((found) => {
          if (!cancelled) setDevices(deviceLists(found));
        })
        .catch(() => undefined);
    read();
    mediaDevices.addEventListener('devicechange', read);
    return () => {
      cancelled = true;
      mediaDevices.removeEventListener('devicechange', read);
    };
    // Names appear once a device is allowed: read again after every acquisition.
  }, [refreshAfter]);
  return devices;
}

/** The devices picked, remembered in localStorage; the ref is read by acquisitions without causing one. */
function useDevicePreferences() {
  const [chosen, setChosen] = useState<DevicePreferences>(NO_PREFERENCES);
  const preferences = useRef<DevicePreferences | null>(null);
  const remember = useCallback((kind: DeviceKind, deviceId: string | null) => {
    const next = { ...(preferences.current ?? storedPreferences()), [kind]: deviceId };
    preferences.current = next;
    storePreferences(next);
    setChosen(next);
  }, []);
  return { chosen, setChosen, preferences, remember };
}

/**
 * Audio only or not, and the visit's kind of call, said once (`startWith`): an audio call starts with
 * audio only. Until it is said, `started` is false and nothing is asked of the browser.
 */
function useCallKind() {
  const [audioOnly, setAudioOnly] = useState(false);
  const [started, setStarted] = useState(false);
  // A ref, not the state: the device check says it on every mount (again after the call sends the person back to it).
  const startedOnce = useRef(false);
  const startWith = useCallback((media: CallMedia) => {
    if (startedOnce.current) return;
    startedOnce.current = true;
    setAudioOnly(media === 'audio');
    setStarted(true);
  }, []);
  return { audioOnly, setAudioOnly, started, startWith };
}

/**
 * The camera and microphone for a visit (see acquireDevices), first asked for once the visit's kind
 * of call is known (`startWith`), asked again on retry, when the person switches to audio only or
 * picks another device in the device check. The chosen devices are remembered in localStorage; the
 * list of devices follows what is plugged in.
 */
export function useLocalMedia(): LocalMedia {
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [camera, setCamera] = useState<DeviceStatus>('pending');
  const [microphone, setMicrophone] = useState<DeviceStatus>('pending');
  const { audioOnly, setAudioOnly, started, startWith } = useCallKind();
  const [attempt, setAttempt] = useState(0);
  // Read by the acquisition without being one of its causes: remembering a choice in the call must not ask again.
  const { chosen, setChosen, preferences, remember } = useDevicePreferences();
  const current = useRef<MediaStream | null>(null);
  const devices = useDeviceLists(stream ?? attempt);

  const stop = useCallback(() => {
    current.current?.getTracks().forEach((track) => track.stop());
    current.current = null;
  }, []);

  const choose = useCallback(
    (kind: DeviceKind, deviceId: string) => {
      remember(kind, deviceId);
      // The speaker plays what arrives; only a camera or microphone needs asking again.
      if (kind !== 'speaker') setAttempt((n) => n + 1);
    },
    [remember],
  );

  useEffect(() => {
    if (!started) return;
    let cancelled = false;
    async function acquire() {
      if (!navigator.mediaDevices?.getUserMedia) {
        setCamera('unsupported');
        setMicrophone('unsupported');
        return;
      }
      preferences.current ??= storedPreferences();
      setCamera(audioOnly ? 'off' : 'pending');
      setMicrophone('pending');
      const { tracks, camera: cam, microphone: mic } = await acquireDevices(audioOnly, preferences.current);
      if (cancelled) {
        tracks.forEach((track) => track.stop());
        return;
      }
      stop();
      const result = new MediaStream(tracks);
      current.current = result;
      // A remembered device that is gone gave way to another: the selects show the one in use.
      const inUse = (list: MediaStreamTrack[]) => list[0]?.getSettings().deviceId ?? null;
      setChosen({
        ...preferences.current,
        camera: inUse(result.getVideoTracks()) ?? preferences.current.camera,
        microphone: inUse(result.getAudioTracks()) ?? preferences.current.microphone,
      });
      setStream(result);
      setCamera(cam);
      setMicrophone(mic);
    }
    void acquire();
    return () => {
      cancelled = true;
    };
  }, [started, audioOnly, attempt, stop, preferences, setChosen]);

  useEffect(() => stop, [stop]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { stream, camera, microphone, audioOnly, setAudioOnly, startWith, retry, stop, devices, chosen, choose, remember };
}
