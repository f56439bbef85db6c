import type { RemotePeer } from '@telehealth/call-engine';
import type { Participant } from '@telehealth/contracts';
import { ApiError } from './api-client';
import { INITIAL_CALL, type CallSnapshot } from './call-view';
import {
  adaptiveNoticeText,
  callErrorText,
  callStateAnnouncement,
  callStateHint,
  callStateText,
  deviceBlockedText,
  deviceHelpText,
  emptyStageText,
  failureText,
  lobbyGuestText,
  mediaErrorText,
  namesText,
  noticeText,
  peerDroppedText,
  peerVideoOffText,
  unavailableLabel,
  visitOpensText,
  waitingPlaceText,
  waitingPositionText,
} from './call-words';
import { translator } from '@/i18n/translator';

const t = translator('call');
const es = translator('call', 'es');
const ar = translator('call', 'ar');
const common = translator('common');
const commonEs = translator('common', 'es');
const commonAr = translator('common', 'ar');

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
    relayRefused: false,
  };
}
function view(overrides: Partial<CallSnapshot>): CallSnapshot {
  return { ...INITIAL_CALL, ...overrides };
}

describe(callStateText.name, () => {
  const sut = callStateText;

  it('tells a patient who waits that the doctor is coming, with the time waited', () => {
    expect(sut(t, common, view({ state: 'waiting', waitingSince: 0 }), 'PATIENT', 65_000)).toBe('Waiting for your doctor… (1:05)');
  });

  it('tells the doctor and guests they wait for others', () => {
    expect(sut(t, common, view({ state: 'waiting' }), 'DOCTOR', 0)).toBe('Waiting for others to join…');
    expect(sut(t, common, view({ state: 'waiting' }), 'GUEST', 0)).toBe('Waiting for others to join…');
  });

  it('tells a guest at the door that the doctor lets them in', () => {
    expect(sut(t, common, view({ state: 'lobby', waitingSince: 0 }), 'GUEST', 3_000)).toBe('Waiting for the doctor to let you in (0:03)');
  });

  it('names everyone in the call', () => {
    expect(sut(t, common, view({ state: 'connected', peers: [peer(sam)] }), 'DOCTOR', 0)).toBe('Connected with Sam Patel');
    expect(sut(t, common, view({ state: 'connected', peers: [peer(sam), peer(ana)] }), 'DOCTOR', 0)).toBe(
      'Connected with Sam Patel and Ana Ruiz',
    );
  });

  it('names who left once nobody else is there', () => {
    expect(sut(t, common, view({ state: 'peer-left', lastLeft: sam }), 'DOCTOR', 0)).toBe('Sam Patel left the visit');
    expect(sut(t, common, view({ state: 'peer-left' }), 'DOCTOR', 0)).toBe('Everyone else left the visit');
  });

  it('says reconnecting only when this side’s own connection is down', () => {
    expect(sut(t, common, view({ state: 'reconnecting', online: false, peers: [peer(sam)] }), 'DOCTOR', 0)).toBe('Reconnecting…');
  });

  it('waits for someone whose connection dropped by name, rather than saying this side reconnects', () => {
    expect(sut(t, common, view({ state: 'reconnecting', peers: [{ ...peer(sam), away: true }] }), 'DOCTOR', 0)).toBe(
      'Waiting for Sam Patel to come back…',
    );
    expect(sut(t, common, view({ state: 'reconnecting', peers: [{ ...peer(sam), connection: 'reconnecting' }] }), 'DOCTOR', 0)).toBe(
      'Restoring the connection with Sam Patel…',
    );
  });

  it('says why a guest is not in the call', () => {
    expect(sut(t, common, view({ state: 'declined' }), 'GUEST', 0)).toBe('The doctor did not admit you to this visit.');
    expect(sut(t, common, view({ state: 'removed' }), 'GUEST', 0)).toBe('The doctor removed you from this visit.');
  });
});

describe(callStateAnnouncement.name, () => {
  const sut = callStateAnnouncement;

  it('says the state without the waiting time, so the same state reads the same a second later', () => {
    const waiting = view({ state: 'waiting', waitingSince: 0 });
    expect(sut(t, common, waiting, 'PATIENT')).toBe('Waiting for your doctor…');
    expect(sut(t, common, { ...waiting, state: 'lobby' }, 'GUEST')).toBe('Waiting for the doctor to let you in');
  });

  it('names who is in the call, as the status line does', () => {
    expect(sut(t, common, view({ state: 'connected', peers: [peer(sam)] }), 'DOCTOR')).toBe('Connected with Sam Patel');
  });
});

describe(visitOpensText.name, () => {
  const sut = visitOpensText;
  // 21:50 UTC is 4:50 PM in New York on Nov 29, 2026.
  const opensAt = '2026-11-29T21:50:00.000Z';

  it('says when the visit opens in the reader’s zone, with the time left, never the raw UTC instant', () => {
    const text = sut(t, opensAt, Date.parse('2026-11-29T20:51:00.000Z'), 'America/New_York');
    expect(text).toBe('The visit opens at 4:50 PM (in 59 min).');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('names the day when the visit opens on another day for the reader', () => {
    expect(sut(t, opensAt, Date.parse('2026-11-28T20:50:00.000Z'), 'America/New_York')).toBe(
      'The visit opens on Sun, Nov 29, 4:50 PM (tomorrow).',
    );
  });
});

describe(emptyStageText.name, () => {
  const sut = emptyStageText;

  it('tells each side whom they wait for', () => {
    expect(sut(t, common, view({ state: 'waiting' }), 'DOCTOR', names)).toBe('Waiting for Sam Patel to join.');
    expect(sut(t, common, view({ state: 'waiting' }), 'PATIENT', names)).toBe(
      'Dr. Maya Chen will join you shortly. Please stay on this page.',
    );
    expect(sut(t, common, view({ state: 'waiting' }), 'GUEST', names)).toBe('Waiting for the others to join. Please stay on this page.');
  });

  it('offers to wait for whoever left', () => {
    expect(sut(t, common, view({ state: 'peer-left', lastLeft: sam }), 'DOCTOR', names)).toBe(
      'Sam Patel left. You can wait here in case they come back.',
    );
  });
});

describe(noticeText.name, () => {
  const sut = noticeText;

  it('says who joined, in which part', () => {
    expect(sut(t, { kind: 'joined', participant: ana, othersRemain: true })).toBe('Ana Ruiz (interpreter) joined the call');
  });

  it('says the call goes on when others stay', () => {
    expect(sut(t, { kind: 'left', participant: ana, othersRemain: true })).toBe('Ana Ruiz left; the call goes on');
    expect(sut(t, { kind: 'left', participant: sam, othersRemain: false })).toBe('Sam Patel (patient) left the call');
  });
});

describe(lobbyGuestText.name, () => {
  it('names the waiting guest and their part', () => {
    expect(lobbyGuestText(t, { name: 'Ana Ruiz', guestRole: 'INTERPRETER' })).toBe('Ana Ruiz (interpreter) is waiting');
    expect(lobbyGuestText(t, { name: 'Leo Park', guestRole: 'OTHER' })).toBe('Leo Park (guest) is waiting');
  });
});

describe(callStateHint.name, () => {
  it('asks to hold on only while this side’s own connection is restored', () => {
    expect(callStateHint(t, view({ state: 'reconnecting', online: false }))).toBe('Hold on, we are restoring your connection.');
    expect(callStateHint(t, view({ state: 'reconnecting', online: true }))).toBeNull();
  });
});

describe(peerDroppedText.name, () => {
  it('says someone else dropped and is waited for', () => {
    expect(peerDroppedText(t, 'Sam Lee')).toBe('Sam Lee’s connection dropped, waiting for them to come back');
  });
});

describe(adaptiveNoticeText.name, () => {
  it('tells this side its video is paused or lowered for a weak connection, and nothing at full quality', () => {
    expect(adaptiveNoticeText(t, 'audio-only')).toBe(
      'Your connection is weak: video is paused to keep the sound clear. It comes back when the connection recovers.',
    );
    expect(adaptiveNoticeText(t, 'reduced')).toBe('Your connection is weak: video quality lowered.');
    expect(adaptiveNoticeText(t, 'full')).toBeNull();
  });
});

describe(deviceBlockedText.name, () => {
  const sut = deviceBlockedText;

  it('tells the patient the doctor, by name, cannot hear or see them', () => {
    expect(sut(t, 'audio', 'denied', 'PATIENT', 'Dr. Maya Chen')).toBe('Dr. Maya Chen cannot hear you: your microphone is blocked.');
    expect(sut(t, 'video', 'denied', 'PATIENT', 'Dr. Maya Chen')).toBe('Dr. Maya Chen cannot see you: your camera is blocked.');
  });

  it('tells the doctor and guests that the others cannot hear them', () => {
    expect(sut(t, 'audio', 'denied', 'DOCTOR', 'Dr. Maya Chen')).toBe('The others cannot hear you: your microphone is blocked.');
    expect(sut(t, 'audio', 'denied', 'GUEST', 'Dr. Maya Chen')).toBe('The others cannot hear you: your microphone is blocked.');
  });

  it('says a missing or busy device as it is', () => {
    expect(sut(t, 'audio', 'missing', 'DOCTOR', '')).toBe('The others cannot hear you: your microphone was not found.');
    expect(sut(t, 'video', 'busy', 'DOCTOR', '')).toBe('The others cannot see you: your camera is in use by another app.');
    expect(sut(t, 'video', 'error', 'DOCTOR', '')).toBe('The others cannot see you: your camera could not be started.');
  });
});

describe(deviceHelpText.name, () => {
  it('explains how to allow a blocked device', () => {
    expect(deviceHelpText(t, 'denied')).toContain('address bar');
    expect(deviceHelpText(t, 'denied')).toContain('Try again');
  });
});

describe(unavailableLabel.name, () => {
  it('labels a device that cannot be used unlike a person’s own mute', () => {
    expect(unavailableLabel(t, 'audio', 'denied')).toBe('Microphone blocked');
    expect(unavailableLabel(t, 'video', 'missing')).toBe('No camera');
    expect(unavailableLabel(t, 'audio', 'busy')).toBe('Microphone in use');
  });
});

describe(peerVideoOffText.name, () => {
  const sut = peerVideoOffText;

  it('says a camera that is unavailable, not turned off', () => {
    expect(sut(t, 'Sam Patel', { videoOff: 'device' })).toEqual({
      testId: 'peer-camera-unavailable',
      text: 'Camera unavailable: Sam Patel’s browser cannot use their camera.',
    });
  });

  it('says a video paused by the network', () => {
    expect(sut(t, 'Sam Patel', { videoOff: 'network' })).toEqual({ testId: 'peer-video-paused', text: 'Video paused: poor connection' });
  });

  it('says a camera turned off by its person, also when no cause was given', () => {
    expect(sut(t, 'Sam Patel', { videoOff: 'person' }).testId).toBe('peer-camera-off');
    expect(sut(t, 'Sam Patel', {}).text).toBe('Sam Patel turned their camera off.');
  });

  it('says an audio call, not a camera turned off, in a visit booked as one; an unavailable camera is still said', () => {
    expect(sut(t, 'Sam Patel', { videoOff: 'person' }, true)).toEqual({ testId: 'peer-audio-call', text: 'Audio call' });
    expect(sut(t, 'Sam Patel', { videoOff: 'device' }, true).testId).toBe('peer-camera-unavailable');
  });
});

describe('the call’s words in Spanish and Arabic', () => {
  it('says the state of the call', () => {
    expect(callStateText(es, commonEs, view({ state: 'waiting', waitingSince: 0 }), 'PATIENT', 65_000)).toBe(
      'Esperando a su médico… (1:05)',
    );
    expect(callStateText(ar, commonAr, view({ state: 'connected', peers: [peer(sam), peer(ana)] }), 'DOCTOR', 0)).toBe(
      'الاتصال قائم مع Sam Patel و Ana Ruiz',
    );
  });

  it('tells the patient who cannot hear them, by name', () => {
    expect(deviceBlockedText(es, 'audio', 'denied', 'PATIENT', 'Dr. Maya Chen')).toBe(
      'Dr. Maya Chen no puede oírle: su micrófono está bloqueado.',
    );
    expect(deviceBlockedText(ar, 'video', 'busy', 'DOCTOR', '')).toBe('لا يستطيع الآخرون رؤيتك: الكاميرا لديك قيد الاستخدام في تطبيق آخر.');
  });

  it('names people with their part in the reader’s language', () => {
    expect(noticeText(es, { kind: 'joined', participant: ana, othersRemain: true })).toBe('Ana Ruiz (intérprete) se unió a la llamada');
    expect(lobbyGuestText(ar, { name: 'Leo Park', guestRole: 'OTHER' })).toBe('Leo Park (ضيف) في الانتظار');
  });

  it('says the place in line', () => {
    expect(waitingPlaceText(es, { position: 2 })).toBe('Ocupa el puesto 2 en la fila.');
    expect(waitingPlaceText(ar, { position: 1 })).toBe('أنت التالي في قائمة الانتظار.');
  });
});

describe(namesText.name, () => {
  it('lists names as a sentence says them', () => {
    expect(namesText(t, [])).toBe('');
    expect(namesText(t, ['Sam Patel'])).toBe('Sam Patel');
    expect(namesText(t, ['Sam Patel', 'Ana Ruiz', 'Leo Park'])).toBe('Sam Patel, Ana Ruiz and Leo Park');
    expect(namesText(es, ['usted', 'Sam Patel'])).toBe('usted y Sam Patel');
    expect(namesText(ar, ['Sam Patel', 'Ana Ruiz', 'Leo Park'])).toBe('Sam Patel، Ana Ruiz و Leo Park');
  });
});

describe(callErrorText.name, () => {
  it('words the refusals that mean something of their own in a call, never with the server’s English sentence', () => {
    expect(callErrorText(t, common, new ApiError('Room is full.', 409, 'room_full'))).toBe(
      'This visit is full: no one else can join it right now.',
    );
    expect(callErrorText(es, commonEs, new ApiError('Not in this room.', 409, 'not_in_room'))).toBe(
      'La llamada no está conectada en este momento. Inténtelo de nuevo cuando lo esté.',
    );
    // "Reload the page", the common advice, would end the call.
    expect(callErrorText(t, common, new ApiError('Stale.', 409, 'stale_version'))).toBe('Something changed meanwhile. Please try again.');
  });

  it('says any other refusal, or an error that is none, in the common words', () => {
    expect(callErrorText(es, commonEs, new ApiError('This visit has ended.', 409, 'visit_ended'))).toBe(
      commonEs('errors.reasons.visit_ended'),
    );
    expect(
      callErrorText(ar, commonAr, Object.assign(new Error('Too many messages; slow down.'), { code: 429, reason: 'rate_limited' })),
    ).toBe('طلبات كثيرة جدًا. انتظر قليلًا ثم حاول مرة أخرى.');
    expect(callErrorText(es, commonEs, new Error('boom'))).toBe('Algo salió mal. Inténtelo de nuevo.');
  });
});

describe(failureText.name, () => {
  it('says why joining failed: the refusal’s reason first, then what the call knows', () => {
    expect(failureText(t, common, { refusal: 'room_full', failure: { kind: 'other' } })).toBe(
      'This visit is full: no one else can join it right now.',
    );
    expect(failureText(t, common, { refusal: null, failure: { kind: 'unreachable', detail: 'websocket error' } })).toBe(
      'Cannot reach the visit service. Check your connection, then try again.',
    );
    expect(failureText(es, commonEs, { refusal: null, failure: { kind: 'opened-elsewhere' } })).toBe(
      'Esta consulta se abrió en otra ventana o en otro dispositivo.',
    );
    expect(failureText(t, common, { refusal: null, failure: null })).toBe('The visit could not be joined.');
  });

  it('says any other refusal in the common words', () => {
    expect(failureText(t, common, { refusal: 'guest_removed', failure: null })).toBe('The doctor removed you from this visit.');
    expect(failureText(ar, commonAr, { refusal: 'forbidden', failure: null })).toBe('ليست لديك صلاحية الوصول إلى هذا.');
  });
});

describe(mediaErrorText.name, () => {
  it('says which change failed, with the browser’s words for why', () => {
    expect(mediaErrorText(t, { action: 'switchCamera', detail: 'Could not start video source' })).toBe(
      'Could not switch the camera: Could not start video source',
    );
    expect(mediaErrorText(t, { action: 'shareScreen', detail: null })).toBe('Could not share the screen: unknown error');
    expect(mediaErrorText(ar, { action: 'cameraOn', detail: null })).toBe('تعذّر تشغيل الكاميرا: خطأ غير معروف');
  });
});

describe(waitingPositionText.name, () => {
  it('says the place in line with its ordinal, or next', () => {
    const at = '2026-12-08T10:40:00.000Z';
    expect(waitingPositionText(t, { position: 2, estimatedStartAt: at }, 'UTC')).toBe('You are 2nd in line · expected around 10:40 AM');
    expect(waitingPositionText(t, { position: 1, estimatedStartAt: at }, 'UTC')).toBe('You are next in line · expected around 10:40 AM');
    expect(waitingPlaceText(t, { position: 3 })).toBe('You are 3rd in line.');
    expect(waitingPlaceText(t, { position: 11 })).toBe('You are 11th in line.');
    expect(waitingPlaceText(t, { position: 22 })).toBe('You are 22nd in line.');
  });
});

describe('the place in line', () => {
  it('spells ordinals the English way', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map((position) => t('waiting.place', { position }))).toEqual([
      'You are 1st in line.',
      'You are 2nd in line.',
      'You are 3rd in line.',
      'You are 4th in line.',
      'You are 11th in line.',
      'You are 12th in line.',
      'You are 13th in line.',
      'You are 21st in line.',
      'You are 22nd in line.',
      'You are 101st in line.',
    ]);
  });
});
