'use client';

import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { CallEngine } from '@telehealth/call-engine';
import type { MediaState } from '@telehealth/contracts';
import { cameraIsOn, type CallEvent, type MediaAction, type MediaFailure } from '@/lib/call-view';
import {
  cameraConstraints,
  deviceStatusOf,
  flippedCamera,
  isUnavailable,
  microphoneConstraints,
  type DeviceChoice,
  type DeviceKind,
  type DevicePreferences,
  type DeviceStatus,
} from '@/lib/devices';

type Kind = 'audio' | 'video';

export interface CallMediaOptions {
  localStream: MediaStream;
  /** How the camera and microphone did at the device check ('off': the person chose audio only). */
  camera: DeviceStatus;
  microphone: DeviceStatus;
  chosen: DevicePreferences;
  cameras: DeviceChoice[];
  /** Remembers a device switched to in the call (the device check and the next visit use it). */
  remember: (kind: DeviceKind, deviceId: string | null) => void;
}

export interface CallMedia {
  hasAudio: boolean;
  hasVideo: boolean;
  audioEnabled: boolean;
  /** The camera is on as the person set it (a video paused by the network still counts as on). */
  videoEnabled: boolean;
  /** Whether each device works in the call; anything but ok/off is unavailable (blocked, missing, in use). */
  microphoneStatus: DeviceStatus;
  cameraStatus: DeviceStatus;
  /** Changes whenever the local camera track does (another camera, turned on): the own preview takes the stream again. */
  tracksKey: string;
  toggleAudio: () => void;
  /** Turns the camera on (asking for it, also in a call joined audio only) or off (releasing it: the camera light goes off). */
  toggleVideo: () => void;
  /** Asks for a device that was unavailable again and, when it works now, puts it in the call. */
  retryDevice: (kind: Kind) => void;
  /** Switches to another camera, microphone or speaker during the call. */
  switchDevice: (kind: DeviceKind, deviceId: string) => void;
  /** The other camera: front ↔ back on a phone, or the next one. */
  flipCamera: () => void;
  /** This side's shared screen while sharing. */
  screen: MediaStream | null;
  toggleScreenShare: () => void;
  /** What could not be done when a device or the screen share could not be switched (worded by call-words `mediaErrorText`). */
  mediaError: MediaFailure | null;
  mediaBusy: boolean;
}

const KIND_DEVICE: Record<Kind, 'camera' | 'microphone'> = { audio: 'microphone', video: 'camera' };

/** One track of `kind` from the browser; a phone that holds one camera at a time gets `current` released first. */
async function acquireTrack(kind: Kind, constraints: MediaTrackConstraints, current?: MediaStreamTrack): Promise<MediaStreamTrack> {
  const get = async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ [kind]: constraints });
    const track = stream.getTracks().find((candidate) => candidate.kind === kind);
    if (!track) throw new DOMException('No track', 'NotFoundError');
    return track;
  };
  try {
    return await get();
  } catch (error) {
    if (!current || deviceStatusOf(error) !== 'busy') throw error;
    current.stop();
    return get();
  }
}

function describe(error: unknown): string | null {
  return error instanceof Error && error.message ? error.message : null;
}

type Run = (what: MediaAction, change: (engine: CallEngine) => Promise<void>) => Promise<void>;
type BringIn = (engine: CallEngine, kind: Kind, constraints: MediaTrackConstraints, enabled: boolean) => Promise<boolean>;

/** Runs one media change at a time through the engine; a failure becomes the sentence under the controls. */
function useMediaRunner(engineRef: RefObject<CallEngine | null>, dispatch: (event: CallEvent) => void) {
  const [mediaError, setMediaError] = useState<MediaFailure | null>(null);
  const [mediaBusy, setMediaBusy] = useState(false);
  const busyRef = useRef(false);

  // Whatever the engine announces by itself or not, the screen shows its media as it is now.
  const sync = useCallback(() => {
    const engine = engineRef.current;
    if (engine) dispatch({ type: 'own-media', media: engine.mediaState });
  }, [engineRef, dispatch]);

  const run = useCallback<Run>(
    async (what, change) => {
      const engine = engineRef.current;
      if (!engine || busyRef.current) return;
      busyRef.current = true;
      setMediaBusy(true);
      setMediaError(null);
      try {
        await change(engine);
      } catch (error) {
        setMediaError({ action: what, detail: describe(error) });
      } finally {
        busyRef.current = false;
        setMediaBusy(false);
        sync();
      }
    },
    [engineRef, sync],
  );
  return { run, sync, mediaError, mediaBusy };
}

/**
 * Whether each device works in the call, and `bringIn`: a new track of a kind put in the call (a
 * device that was unavailable is then announced as back). It returns false when the browser refused
 * the device, whose status then says why. The engine hears of every change of availability.
 */
function useDeviceTracks(engineRef: RefObject<CallEngine | null>, options: CallMediaOptions) {
  const { localStream, remember } = options;
  const [statuses, setStatuses] = useState<Record<Kind, DeviceStatus>>({ audio: options.microphone, video: options.camera });
  const setStatus = useCallback((kind: Kind, status: DeviceStatus) => setStatuses((now) => ({ ...now, [kind]: status })), []);

  const bringIn = useCallback<BringIn>(
    async (engine, kind, constraints, enabled) => {
      let track: MediaStreamTrack;
      try {
        track = await acquireTrack(
          kind,
          constraints,
          localStream.getTracks().find((candidate) => candidate.kind === kind),
        );
      } catch (error) {
        setStatus(kind, deviceStatusOf(error));
        return false;
      }
      track.enabled = enabled;
      try {
        await engine.replaceLocalTrack(kind, track);
      } catch (error) {
        track.stop();
        throw error;
      }
      // Joined without this device (or with it off), the engine holds it off: the person asked for it on.
      if (kind === 'audio') engine.setAudioEnabled(enabled);
      else engine.setVideoEnabled(enabled);
      const deviceId = track.getSettings().deviceId;
      if (deviceId) remember(KIND_DEVICE[kind], deviceId);
      setStatus(kind, 'ok');
      return true;
    },
    [localStream, remember, setStatus],
  );

  const audioUnavailable = isUnavailable(statuses.audio);
  const videoUnavailable = isUnavailable(statuses.video);
  useEffect(() => {
    try {
      engineRef.current?.setUnavailable({ audio: audioUnavailable, video: videoUnavailable });
    } catch {
      // announced again with the next change
    }
  }, [engineRef, audioUnavailable, videoUnavailable]);

  return { statuses, bringIn };
}

/** Sharing a screen or window (getDisplayMedia) as the call's second video, and stopping it. */
function useScreenShare(run: Run, sync: () => void) {
  const [screen, setScreen] = useState<MediaStream | null>(null);

  const toggleScreenShare = useCallback(() => {
    if (screen) {
      void run('stopSharing', async (engine) => {
        await engine.stopScreenShare();
        screen.getTracks().forEach((track) => track.stop());
        setScreen(null);
      });
      return;
    }
    void run('shareScreen', async (engine) => {
      let display: MediaStream;
      try {
        display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      } catch (error) {
        // Closing the browser's picker is a choice, not a failure.
        if (deviceStatusOf(error) === 'denied') return;
        throw error;
      }
      try {
        await engine.startScreenShare(display);
      } catch (error) {
        display.getTracks().forEach((track) => track.stop());
        throw error;
      }
      // The browser's own "Stop sharing" ends the track: the engine stops the share, the preview goes.
      display.getVideoTracks()[0]?.addEventListener('ended', () => {
        setScreen((shown) => (shown === display ? null : shown));
        sync();
      });
      setScreen(display);
    });
  }, [screen, run, sync]);

  // A share still running when the call screen goes away is stopped with it.
  const screenRef = useRef(screen);
  useEffect(() => {
    screenRef.current = screen;
  }, [screen]);
  useEffect(() => () => screenRef.current?.getTracks().forEach((track) => track.stop()), []);

  return { screen, toggleScreenShare };
}

/** Another camera, microphone or speaker during the call, and the phone's front/back flip. */
function useDeviceSwitch(options: CallMediaOptions, on: { audio: boolean; video: boolean }, run: Run, bringIn: BringIn) {
  const { localStream, cameras, remember } = options;
  const switchDevice = useCallback(
    (kind: DeviceKind, deviceId: string) => {
      remember(kind, deviceId);
      // The speaker applies to every remote element by itself; a camera that is off is the one turned on next.
      if (kind === 'speaker' || (kind === 'camera' && !on.video)) return;
      if (kind === 'camera') {
        void run('switchCamera', (engine) => bringIn(engine, 'video', cameraConstraints(deviceId, 'exact'), true).then(() => {}));
        return;
      }
      // The new microphone keeps the mute as it was; a microphone that was unavailable starts on.
      const enabled = on.audio || !localStream.getAudioTracks().length;
      void run('switchMicrophone', (engine) => bringIn(engine, 'audio', microphoneConstraints(deviceId, 'exact'), enabled).then(() => {}));
    },
    [remember, on.audio, on.video, localStream, run, bringIn],
  );

  const flipCamera = useCallback(() => {
    const current = localStream.getVideoTracks()[0];
    const constraints = flippedCamera(cameras, current?.getSettings() ?? {});
    if (!current || !constraints) return;
    void run('switchCamera', (engine) => bringIn(engine, 'video', constraints, true).then(() => {}));
  }, [localStream, cameras, run, bringIn]);

  return { switchDevice, flipCamera };
}

/** Turning the camera on (asking for it, also in a call joined audio only) and off (releasing it), and a device tried again. */
function useCameraToggle(chosen: DevicePreferences, videoEnabled: boolean, run: Run, bringIn: BringIn) {
  const turnCameraOn = useCallback(
    (engine: CallEngine) => bringIn(engine, 'video', cameraConstraints(chosen.camera), true).then(() => {}),
    [bringIn, chosen.camera],
  );

  const toggleVideo = useCallback(() => {
    if (!videoEnabled) {
      void run('cameraOn', turnCameraOn);
      return;
    }
    void run('cameraOff', async (engine) => {
      engine.setVideoEnabled(false);
      // Released, not just muted: the camera light goes off.
      await engine.replaceLocalTrack('video', null);
    });
  }, [videoEnabled, run, turnCameraOn]);

  const retryDevice = useCallback(
    (kind: Kind) => {
      if (kind === 'video') void run('startCamera', turnCameraOn);
      else void run('startMicrophone', (engine) => bringIn(engine, 'audio', microphoneConstraints(chosen.microphone), true).then(() => {}));
    },
    [run, turnCameraOn, bringIn, chosen.microphone],
  );

  return { toggleVideo, retryDevice };
}

/**
 * This side's microphone, camera and screen in the call: what exists and what is on (as the engine
 * announces it), the toggles, switching devices live, a blocked device tried again, and screen sharing.
 * Every track change goes through the engine on the same local stream: a new stream would restart the call.
 */
export function useCallMedia(
  engineRef: RefObject<CallEngine | null>,
  options: CallMediaOptions,
  ownMedia: MediaState | null,
  dispatch: (event: CallEvent) => void,
): CallMedia {
  const { localStream, chosen } = options;
  const { run, sync, mediaError, mediaBusy } = useMediaRunner(engineRef, dispatch);
  const { statuses, bringIn } = useDeviceTracks(engineRef, options);
  const { screen, toggleScreenShare } = useScreenShare(run, sync);
  const audioTrack = localStream.getAudioTracks()[0];
  const videoTrack = localStream.getVideoTracks()[0];
  const media: MediaState = ownMedia ?? { audio: !!audioTrack?.enabled, video: !!videoTrack?.enabled };
  const audioEnabled = !!audioTrack && media.audio;
  const videoEnabled = !!videoTrack && cameraIsOn(media);
  const { switchDevice, flipCamera } = useDeviceSwitch(options, { audio: audioEnabled, video: videoEnabled }, run, bringIn);

  const toggleAudio = useCallback(() => {
    const engine = engineRef.current;
    if (!engine || !localStream.getAudioTracks().length) return;
    engine.setAudioEnabled(!audioEnabled);
    sync();
  }, [engineRef, localStream, audioEnabled, sync]);

  const { toggleVideo, retryDevice } = useCameraToggle(chosen, videoEnabled, run, bringIn);

  return {
    hasAudio: !!audioTrack,
    hasVideo: !!videoTrack,
    audioEnabled,
    videoEnabled,
    microphoneStatus: statuses.audio,
    cameraStatus: statuses.video,
    tracksKey: videoTrack?.id ?? '',
    toggleAudio,
    toggleVideo,
    retryDevice,
    switchDevice,
    flipCamera,
    screen,
    toggleScreenShare,
    mediaError,
    mediaBusy,
  };
}
