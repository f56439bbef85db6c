import type { Participant } from '@telehealth/contracts';
import { peersChangedNoticeably, pickRemoteStreams, type RemotePeer } from './remote-peer';

const interpreter: Participant = { userId: 'guest-1', name: 'Ana Ruiz', role: 'GUEST', guestRole: 'INTERPRETER' };
const patient: Participant = { userId: 'patient-1', name: 'Ben Ortiz', role: 'PATIENT' };

function remote(participant: Participant, overrides: Partial<RemotePeer> = {}): RemotePeer {
  return {
    participant,
    stream: null,
    media: { audio: true, video: true },
    connection: 'connected',
    quality: { level: 'good', rttMs: 40, bitrateKbps: 900, framesDecoded: 10 },
    audioLevel: 0.1,
    screen: null,
    away: false,
    verificationCode: '123 456',
    verified: false,
    path: 'direct',
    relayRefused: false,
    ...overrides,
  };
}

describe(peersChangedNoticeably.name, () => {
  const before = [remote(patient), remote(interpreter)];

  it('notices someone coming or going', () => {
    expect(peersChangedNoticeably(before, [remote(patient)])).toBe(true);
    expect(peersChangedNoticeably([], before)).toBe(true);
  });

  it('notices a change of connection, media or quality level', () => {
    expect(peersChangedNoticeably(before, [remote(patient), remote(interpreter, { connection: 'reconnecting' })])).toBe(true);
    expect(peersChangedNoticeably(before, [remote(patient, { media: { audio: false, video: true } }), remote(interpreter)])).toBe(true);
    expect(peersChangedNoticeably(before, [remote(patient, { quality: { level: 'poor' } }), remote(interpreter)])).toBe(true);
    expect(peersChangedNoticeably(before, [remote(patient, { quality: null }), remote(interpreter)])).toBe(true);
  });

  it('notices a shared screen, a dropped person, the verification, the path and why a camera is off', () => {
    const changes: Array<Partial<RemotePeer>> = [
      { screen: {} as MediaStream },
      { away: true },
      { verificationCode: '654 321' },
      { verified: true },
      { path: 'relayed' },
      { relayRefused: true },
      { media: { audio: true, video: true, screenStreamId: 'screen-1' } },
    ];
    for (const change of changes) expect(peersChangedNoticeably(before, [remote(patient, change), remote(interpreter)])).toBe(true);
    const cameraOff = [remote(patient, { media: { audio: true, video: false, videoOff: 'person' } })];
    expect(peersChangedNoticeably(cameraOff, [remote(patient, { media: { audio: true, video: false, videoOff: 'network' } })])).toBe(true);
  });

  it('notices the picture starting to arrive', () => {
    const noPicture = [remote(patient, { quality: { level: 'good', framesDecoded: 0 } })];
    expect(peersChangedNoticeably(noPicture, [remote(patient, { quality: { level: 'good', framesDecoded: 3 } })])).toBe(true);
  });

  it('lets small moves of the audio level and of metrics within a level pass without a re-render', () => {
    const drifted = [
      remote(patient, { audioLevel: 0.14, quality: { level: 'good', rttMs: 55, bitrateKbps: 700, framesDecoded: 70 } }),
      remote(interpreter),
    ];
    expect(peersChangedNoticeably(before, drifted)).toBe(false);
  });

  it('notices someone starting to speak', () => {
    expect(peersChangedNoticeably(before, [remote(patient), remote(interpreter, { audioLevel: 0.4 })])).toBe(true);
  });

  it('compares by position, so a different person in the same place is a change', () => {
    expect(peersChangedNoticeably(before, [remote(interpreter), remote(patient)])).toBe(true);
  });
});

describe(pickRemoteStreams.name, () => {
  const camera = { id: 'camera' };
  const screen = { id: 'screen' };

  it('takes the announced screen as the screen and the other stream as the camera, whichever came first', () => {
    expect(pickRemoteStreams([camera, screen], 'screen')).toEqual({ camera, screen });
    expect(pickRemoteStreams([screen, camera], 'screen')).toEqual({ camera, screen });
  });

  it('shows no screen before its announcement, nor after the share stopped', () => {
    expect(pickRemoteStreams([camera, screen], undefined)).toEqual({ camera, screen: null });
    expect(pickRemoteStreams([camera], 'screen')).toEqual({ camera, screen: null });
    expect(pickRemoteStreams([], undefined)).toEqual({ camera: null, screen: null });
  });
});
