import {
  cameraConstraints,
  deviceLists,
  deviceStatusOf,
  flippedCamera,
  isUnavailable,
  NO_PREFERENCES,
  parseDevicePreferences,
  selectedDevice,
} from './devices';

describe(deviceLists.name, () => {
  const sut = deviceLists;

  it('sorts the browser’s devices into cameras, microphones and speakers', () => {
    const lists = sut([
      { deviceId: 'default', kind: 'audioinput', label: 'Default' },
      { deviceId: 'mic-1', kind: 'audioinput', label: 'Fake Audio Input 1' },
      { deviceId: 'cam-1', kind: 'videoinput', label: 'fake_device_0' },
      { deviceId: 'out-1', kind: 'audiooutput', label: 'Speakers' },
    ]);
    expect(lists.cameras).toEqual([{ deviceId: 'cam-1', label: 'fake_device_0' }]);
    expect(lists.microphones.map((choice) => choice.deviceId)).toEqual(['default', 'mic-1']);
    expect(lists.speakers).toEqual([{ deviceId: 'out-1', label: 'Speakers' }]);
  });

  it('keeps the hidden names of devices empty for the select to number, and leaves out those without an id', () => {
    const lists = sut([
      { deviceId: 'a', kind: 'videoinput', label: '' },
      { deviceId: 'b', kind: 'videoinput', label: '' },
      { deviceId: '', kind: 'audioinput', label: '' },
    ]);
    expect(lists.cameras).toEqual([
      { deviceId: 'a', label: '' },
      { deviceId: 'b', label: '' },
    ]);
    expect(lists.microphones).toEqual([]);
  });
});

describe(parseDevicePreferences.name, () => {
  const sut = parseDevicePreferences;

  it('reads the remembered choices', () => {
    expect(sut('{"camera":"cam-1","microphone":"mic-1","speaker":null}')).toEqual({ camera: 'cam-1', microphone: 'mic-1', speaker: null });
  });

  it('falls back to the browser’s defaults for nothing, garbage or the wrong shape', () => {
    expect(sut(null)).toEqual(NO_PREFERENCES);
    expect(sut('not json')).toEqual(NO_PREFERENCES);
    expect(sut('[1,2]')).toEqual(NO_PREFERENCES);
    expect(sut('{"camera":42}')).toEqual(NO_PREFERENCES);
  });
});

describe(selectedDevice.name, () => {
  const choices = [
    { deviceId: 'a', label: 'A' },
    { deviceId: 'b', label: 'B' },
  ];

  it('shows the chosen device when it is still there, otherwise the first', () => {
    expect(selectedDevice(choices, 'b')).toBe('b');
    expect(selectedDevice(choices, 'gone')).toBe('a');
    expect(selectedDevice([], null)).toBe('');
  });
});

describe(cameraConstraints.name, () => {
  it('asks for a picked camera exactly, a remembered one ideally, and the front camera otherwise', () => {
    expect(cameraConstraints('cam-1', 'exact').deviceId).toEqual({ exact: 'cam-1' });
    expect(cameraConstraints('cam-1').deviceId).toEqual({ ideal: 'cam-1' });
    expect(cameraConstraints(null).facingMode).toBe('user');
  });
});

describe(flippedCamera.name, () => {
  const cameras = [
    { deviceId: 'front', label: 'Front' },
    { deviceId: 'back', label: 'Back' },
  ];

  it('turns a phone’s camera the other way', () => {
    expect(flippedCamera(cameras, { deviceId: 'front', facingMode: 'user' })?.facingMode).toEqual({ exact: 'environment' });
    expect(flippedCamera(cameras, { deviceId: 'back', facingMode: 'environment' })?.facingMode).toEqual({ exact: 'user' });
  });

  it('goes to the next camera, round, when the camera does not say which way it faces', () => {
    expect(flippedCamera(cameras, { deviceId: 'front' })?.deviceId).toEqual({ exact: 'back' });
    expect(flippedCamera(cameras, { deviceId: 'back' })?.deviceId).toEqual({ exact: 'front' });
  });

  it('offers nothing with a single camera', () => {
    expect(flippedCamera(cameras.slice(0, 1), { deviceId: 'front', facingMode: 'user' })).toBeNull();
  });
});

describe(deviceStatusOf.name, () => {
  it('tells a blocked device from a missing or busy one', () => {
    expect(deviceStatusOf({ name: 'NotAllowedError' })).toBe('denied');
    expect(deviceStatusOf({ name: 'NotFoundError' })).toBe('missing');
    expect(deviceStatusOf({ name: 'NotReadableError' })).toBe('busy');
    expect(deviceStatusOf(new Error('boom'))).toBe('error');
  });
});

describe(isUnavailable.name, () => {
  it('counts blocked, missing and busy devices as unavailable, not one turned off or still asked for', () => {
    expect(['denied', 'missing', 'busy', 'error', 'unsupported'].every((status) => isUnavailable(status as never))).toBe(true);
    expect(isUnavailable('ok') || isUnavailable('off') || isUnavailable('pending')).toBe(false);
  });
});
