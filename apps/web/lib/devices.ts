/** How one device (camera or microphone) is doing for this page: working, turned off by the person, or why not. */
export type DeviceStatus = 'pending' | 'ok' | 'denied' | 'missing' | 'busy' | 'unsupported' | 'error' | 'off';

export type DeviceKind = 'camera' | 'microphone' | 'speaker';

/**
 * One entry of a device select: the browser's id and a name a person recognises. The label is
 * empty while the browser hides names: the select then numbers it in the reader's language ("Camera 2").
 */
export interface DeviceChoice {
  deviceId: string;
  label: string;
}

export interface DeviceLists {
  cameras: DeviceChoice[];
  microphones: DeviceChoice[];
  speakers: DeviceChoice[];
}

/** The devices a person picked, by id; null: the browser's default. */
export type DevicePreferences = Record<DeviceKind, string | null>;

export const NO_DEVICES: DeviceLists = { cameras: [], microphones: [], speakers: [] };
export const NO_PREFERENCES: DevicePreferences = { camera: null, microphone: null, speaker: null };
/** Where the choices are remembered between visits (localStorage). */
export const DEVICE_PREFERENCES_KEY = 'telehealth:devices';

const KIND_OF: Record<MediaDeviceKind, keyof DeviceLists> = { videoinput: 'cameras', audioinput: 'microphones', audiooutput: 'speakers' };

/**
 * The browser's devices as three lists for the selects. Before the person allowed a device the
 * browser hides names (empty labels): they stay empty here, and the select numbers them by their
 * place in the list ("Camera 2", in the reader's language); entries without an id (nothing
 * allowed yet at all) are left out, there is nothing to choose between then.
 */
export function deviceLists(devices: ReadonlyArray<Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>>): DeviceLists {
  const lists: DeviceLists = { cameras: [], microphones: [], speakers: [] };
  for (const device of devices) {
    const list = KIND_OF[device.kind];
    if (!list || !device.deviceId || lists[list].some((known) => known.deviceId === device.deviceId)) continue;
    lists[list].push({ deviceId: device.deviceId, label: device.label });
  }
  return lists;
}

/** The remembered choices, whatever localStorage holds (nothing, an older shape, garbage). */
export function parseDevicePreferences(stored: string | null): DevicePreferences {
  if (!stored) return NO_PREFERENCES;
  try {
    const value: unknown = JSON.parse(stored);
    if (typeof value !== 'object' || value === null) return NO_PREFERENCES;
    const record = value as Record<string, unknown>;
    const id = (key: DeviceKind) => {
      const stored = record[key];
      return typeof stored === 'string' && stored ? stored : null;
    };
    return { camera: id('camera'), microphone: id('microphone'), speaker: id('speaker') };
  } catch {
    return NO_PREFERENCES;
  }
}

/** What the select shows: the device in use (or chosen), when the list has it; otherwise the first. */
export function selectedDevice(choices: readonly DeviceChoice[], preferred: string | null): string {
  if (preferred && choices.some((choice) => choice.deviceId === preferred)) return preferred;
  return choices[0]?.deviceId ?? '';
}

const CAMERA: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 } };
const MICROPHONE: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };

/**
 * The camera to ask for: a device picked in a select (`exact`: a person who picked a camera must
 * not silently get another), a remembered one (`ideal`: it may be gone since), or the front camera.
 */
export function cameraConstraints(deviceId: string | null, how: 'exact' | 'ideal' = 'ideal'): MediaTrackConstraints {
  return deviceId ? { ...CAMERA, deviceId: { [how]: deviceId } } : { ...CAMERA, facingMode: 'user' };
}

export function microphoneConstraints(deviceId: string | null, how: 'exact' | 'ideal' = 'ideal'): MediaTrackConstraints {
  return deviceId ? { ...MICROPHONE, deviceId: { [how]: deviceId } } : MICROPHONE;
}

/**
 * The camera "Switch camera" asks for: on a phone whose camera says which way it faces, the other
 * way (front ↔ back); otherwise the next camera in the list, round.
 */
export function flippedCamera(
  cameras: readonly DeviceChoice[],
  current: { deviceId?: string; facingMode?: string },
): MediaTrackConstraints | null {
  if (cameras.length < 2) return null;
  if (current.facingMode === 'user' || current.facingMode === 'environment') {
    return { ...CAMERA, facingMode: { exact: current.facingMode === 'user' ? 'environment' : 'user' } };
  }
  const index = cameras.findIndex((camera) => camera.deviceId === current.deviceId);
  const next = cameras[(index + 1) % cameras.length] ?? cameras[0];
  return next ? cameraConstraints(next.deviceId, 'exact') : null;
}

/** Why getUserMedia refused, from the error's name (browsers name the same causes differently). */
export function deviceStatusOf(error: unknown): DeviceStatus {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'missing';
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return 'busy';
  return 'error';
}

/** A device that cannot be used (as opposed to one working, being asked for, or turned off by the person). */
export function isUnavailable(status: DeviceStatus): boolean {
  return status !== 'ok' && status !== 'off' && status !== 'pending';
}
