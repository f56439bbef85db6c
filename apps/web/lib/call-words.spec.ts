import type { RemotePeer } from '@telehealth/call-engine';
import type { Participant } from '@telehealth/contracts';
import { INITIAL_CALL, type CallSnapshot } from './call-view';
import {
  adaptiveNoticeText,
  callStateAnnouncement,
  callStateHint,
  callStateText,
  deviceBlockedText,
  deviceHelpText,
  emptyStageText,
  lobbyGuestText,
  noticeText,
  peerDroppedText,
  peerVideoOffText,
  unavailableLabel,
  visitOpensText,
} from './call-words';

const names = { doctor: 'Dr. Maya Chen', patient: 'Sam Patel' };
const sam: Participant = { userId: 'p1', name: 'Sam Patel', role: 'PATIENT' };
const ana: Participant = { userId: 'g1', name: 'Ana Ruiz', role: 'GUEST', guestRole: 'INTERPRETER' };

function peer(participant: Participant): RemotePeer {
  return {
    participant,
    stream: null,
    media: { audio: true, video: true },
    connection: 'connected',
    quality: null,
    audioLevel: 0,
    screen: null,
    away: false,
    verificationCode: null,
    verified: false,
    path: null,
  };
}
function view(overrides: Partial<CallSnapshot>): CallSnapshot {
  return { ...INITIAL_CALL, ...overrides };
}

describe(callStateText.name, () => {
  const sut = callStateText;

  it('tells a patient who waits that the doctor is coming, with the time waited', () => {
    expect(sut(view({ state: 'waiting', waitingSince: 0 }), 'PATIENT', 65_000)).toBe('Waiting for your doctor… (1:05)');
  });

  it('tells the doctor and guests they wait for others', () => {
    expect(sut(view({ state: 'waiting' }), 'DOCTOR', 0)).toBe('Waiting for others to join…');
    expect(sut(view({ state: 'waiting' }), 'GUEST', 0)).toBe('Waiting for others to join…');
  });

  it('tells a guest at the door that the doctor lets them in', () => {
    expect(sut(view({ state: 'lobby', waitingSince: 0 }), 'GUEST', 3_000)).toBe('Waiting for the doctor to let you in (0:03)');
  });

  it('names everyone in the call', () => {
    expect(sut(view({ state: 'connected', peers: [peer(sam)] }), 'DOCTOR', 0)).toBe('Connected with Sam Patel');
    expect(sut(view({ state: 'connected', peers: [peer(sam), peer(ana)] }), 'DOCTOR', 0)).toBe('Connected with Sam Patel and Ana Ruiz');
  });

  it('names who left once nobody else is there', () => {
    expect(sut(view({ state: 'peer-left', lastLeft: sam }), 'DOCTOR', 0)).toBe('Sam Patel left the visit');
    expect(sut(view({ state: 'peer-left' }), 'DOCTOR', 0)).toBe('Everyone else left the visit');
  });

  it('says reconnecting only when this side’s own connection is down', () => {
    expect(sut(view({ state: 'reconnecting', online: false, peers: [peer(sam)] }), 'DOCTOR', 0)).toBe('Reconnecting…');
  });

  it('waits for someone whose connection dropped by name, rather than saying this side reconnects', () => {
    expect(sut(view({ state: 'reconnecting', peers: [{ ...peer(sam), away: true }] }), 'DOCTOR', 0)).toBe(
      'Waiting for Sam Patel to come back…',
    );
    expect(sut(view({ state: 'reconnecting', peers: [{ ...peer(sam), connection: 'reconnecting' }] }), 'DOCTOR', 0)).toBe(
      'Restoring the connection with Sam Patel…',
    );
  });

  it('says why a guest is not in the call', () => {
    expect(sut(view({ state: 'declined' }), 'GUEST', 0)).toBe('The doctor did not admit you to this visit.');
    expect(sut(view({ state: 'removed' }), 'GUEST', 0)).toBe('The doctor removed you from this visit.');
  });
});

describe(callStateAnnouncement.name, () => {
  const sut = callStateAnnouncement;

  it('says the state without the waiting time, so the same state reads the same a second later', () => {
    const waiting = view({ state: 'waiting', waitingSince: 0 });
    expect(sut(waiting, 'PATIENT')).toBe('Waiting for your doctor…');
    expect(sut({ ...waiting, state: 'lobby' }, 'GUEST')).toBe('Waiting for the doctor to let you in');
  });

  it('names who is in the call, as the status line does', () => {
    expect(sut(view({ state: 'connected', peers: [peer(sam)] }), 'DOCTOR')).toBe('Connected with Sam Patel');
  });
});

describe(visitOpensText.name, () => {
  const sut = visitOpensText;
  // 21:50 UTC is 4:50 PM in New York on Nov 29, 2026.
  const opensAt = '2026-11-29T21:50:00.000Z';

  it('says when the visit opens in the reader’s zone, with the time left, never the raw UTC instant', () => {
    const text = sut(opensAt, Date.parse('2026-11-29T20:51:00.000Z'), 'America/New_York');
    expect(text).toBe('The visit opens at 4:50 PM (in 59 min).');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('names the day when the visit opens on another day for the reader', () => {
    expect(sut(opensAt, Date.parse('2026-11-28T20:50:00.000Z'), 'America/New_York')).toBe(
      'The visit opens on Sun, Nov 29, 4:50 PM (tomorrow).',
    );
  });
});

describe(emptyStageText.name, () => {
  const sut = emptyStageText;

  it('tells each side whom they wait for', () => {
    expect(sut(view({ state: 'waiting' }), 'DOCTOR', names)).toBe('Waiting for Sam Patel to join.');
    expect(sut(view({ state: 'waiting' }), 'PATIENT', names)).toBe('Dr. Maya Chen will join you shortly. Please stay on this page.');
    expect(sut(view({ state: 'waiting' }), 'GUEST', names)).toBe('Waiting for the others to join. Please stay on this page.');
  });

  it('offers to wait for whoever left', () => {
    expect(sut(view({ state: 'peer-left', lastLeft: sam }), 'DOCTOR', names)).toBe(
      'Sam Patel left. You can wait here in case they come back.',
    );
  });
});

describe(noticeText.name, () => {
  const sut = noticeText;

  it('says who joined, in which part', () => {
    expect(sut({ kind: 'joined', participant: ana, othersRemain: true })).toBe('Ana Ruiz (interpreter) joined the call');
  });

  it('says the call goes on when others stay', () => {
    expect(sut({ kind: 'left', participant: ana, othersRemain: true })).toBe('Ana Ruiz left; the call goes on');
    expect(sut({ kind: 'left', participant: sam, othersRemain: false })).toBe('Sam Patel (patient) left the call');
  });
});

describe(lobbyGuestText.name, () => {
  it('names the waiting guest and their part', () => {
    expect(lobbyGuestText({ name: 'Ana Ruiz', guestRole: 'INTERPRETER' })).toBe('Ana Ruiz (interpreter) is waiting');
    expect(lobbyGuestText({ name: 'Leo Park', guestRole: 'OTHER' })).toBe('Leo Park (guest) is waiting');
  });
});

describe(callStateHint.name, () => {
  it('asks to hold on only while this side’s own connection is restored', () => {
    expect(callStateHint(view({ state: 'reconnecting', online: false }))).toBe('Hold on, we are restoring your connection.');
    expect(callStateHint(view({ state: 'reconnecting', online: true }))).toBeNull();
  });
});

describe(peerDroppedText.name, () => {
  it('says someone else dropped and is waited for', () => {
    expect(peerDroppedText('Sam Lee')).toBe('Sam Lee’s connection dropped, waiting for them to come back');
  });
});

describe(adaptiveNoticeText.name, () => {
  it('tells this side its video is paused or lowered for a weak connection, and nothing at full quality', () => {
    expect(adaptiveNoticeText('audio-only')).toBe(
      'Your connection is weak: video is paused to keep the sound clear. It comes back when the connection recovers.',
    );
    expect(adaptiveNoticeText('reduced')).toBe('Your connection is weak: video quality lowered.');
    expect(adaptiveNoticeText('full')).toBeNull();
  });
});

describe(deviceBlockedText.name, () => {
  const sut = deviceBlockedText;

  it('tells the patient the doctor, by name, cannot hear or see them', () => {
    expect(sut('audio', 'denied', 'PATIENT', 'Dr. Maya Chen')).toBe('Dr. Maya Chen cannot hear you: your microphone is blocked.');
    expect(sut('video', 'denied', 'PATIENT', 'Dr. Maya Chen')).toBe('Dr. Maya Chen cannot see you: your camera is blocked.');
  });

  it('tells the doctor and guests that the others cannot hear them', () => {
    expect(sut('audio', 'denied', 'DOCTOR', 'Dr. Maya Chen')).toBe('The others cannot hear you: your microphone is blocked.');
    expect(sut('audio', 'denied', 'GUEST', 'Dr. Maya Chen')).toBe('The others cannot hear you: your microphone is blocked.');
  });

  it('says a missing or busy device as it is', () => {
    expect(sut('audio', 'missing', 'DOCTOR', '')).toBe('The others cannot hear you: your microphone was not found.');
    expect(sut('video', 'busy', 'DOCTOR', '')).toBe('The others cannot see you: your camera is in use by another app.');
    expect(sut('video', 'error', 'DOCTOR', '')).toBe('The others cannot see you: your camera could not be started.');
  });
});

describe(deviceHelpText.name, () => {
  it('explains how to allow a blocked device', () => {
    expect(deviceHelpText('denied')).toContain('address bar');
    expect(deviceHelpText('denied')).toContain('Try again');
  });
});

describe(unavailableLabel.name, () => {
  it('labels a device that cannot be used unlike a person’s own mute', () => {
    expect(unavailableLabel('audio', 'denied')).toBe('Microphone blocked');
    expect(unavailableLabel('video', 'missing')).toBe('No camera');
    expect(unavailableLabel('audio', 'busy')).toBe('Microphone in use');
  });
});

describe(peerVideoOffText.name, () => {
  const sut = peerVideoOffText;

  it('says a camera that is unavailable, not turned off', () => {
    expect(sut('Sam Patel', { videoOff: 'device' })).toEqual({
      testId: 'peer-camera-unavailable',
      text: 'Camera unavailable: Sam Patel’s browser cannot use their camera.',
    });
  });

  it('says a video paused by the network', () => {
    expect(sut('Sam Patel', { videoOff: 'network' })).toEqual({ testId: 'peer-video-paused', text: 'Video paused: poor connection' });
  });

  it('says a camera turned off by its person, also when no cause was given', () => {
    expect(sut('Sam Patel', { videoOff: 'person' }).testId).toBe('peer-camera-off');
    expect(sut('Sam Patel', {}).text).toBe('Sam Patel turned their camera off.');
  });
});
