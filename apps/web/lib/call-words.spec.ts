import type { RemotePeer } from '@telehealth/call-engine';
import type { Participant } from '@telehealth/contracts';
import { INITIAL_CALL, type CallSnapshot } from './call-view';
import { callStateText, emptyStageText, lobbyGuestText, noticeText } from './call-words';

const names = { doctor: 'Dr. Maya Chen', patient: 'Sam Patel' };
const sam: Participant = { userId: 'p1', name: 'Sam Patel', role: 'PATIENT' };
const ana: Participant = { userId: 'g1', name: 'Ana Ruiz', role: 'GUEST', guestRole: 'INTERPRETER' };

function peer(participant: Participant): RemotePeer {
  return { participant, stream: null, media: { audio: true, video: true }, connection: 'connected', quality: null, audioLevel: 0 };
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

  it('says why a guest is not in the call', () => {
    expect(sut(view({ state: 'declined' }), 'GUEST', 0)).toBe('The doctor did not admit you to this visit.');
    expect(sut(view({ state: 'removed' }), 'GUEST', 0)).toBe('The doctor removed you from this visit.');
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
