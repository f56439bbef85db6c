import type { RemotePeer } from '@telehealth/call-engine';
import type { JoinRoomResult, LobbyGuest, Participant } from '@telehealth/contracts';
import {
  awayPeers,
  callReducer,
  cameraIsOn,
  INITIAL_CALL,
  MAX_NOTICES,
  screenSharer,
  verifiablePeers,
  type CallSnapshot,
} from './call-view';
import { lobbyArrivals } from './lobby-arrivals';

function doctor(): Participant {
  return { userId: 'd1', name: 'Dr. Maya Chen', role: 'DOCTOR' };
}
function patient(): Participant {
  return { userId: 'p1', name: 'Sam Patel', role: 'PATIENT' };
}
function interpreter(): Participant {
  return { userId: 'g1', name: 'Ana Ruiz', role: 'GUEST', guestRole: 'INTERPRETER' };
}
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
function waitingGuest(guestId: string, since: string): LobbyGuest {
  return { guestId, name: `Guest ${guestId}`, guestRole: 'CAREGIVER', since };
}
function joined(overrides: Partial<JoinRoomResult> = {}): JoinRoomResult {
  return {
    admitted: true,
    sessionId: 's1',
    appointmentId: 'a1',
    self: doctor(),
    peers: [],
    chat: [],
    chatHasMore: false,
    endsAt: '2026-12-08T10:00:00.000Z',
    lobby: [],
    ...overrides,
  };
}
function inCall(peers: Participant[]): CallSnapshot {
  return { ...INITIAL_CALL, state: 'connected', self: doctor(), peers: peers.map(peer) };
}

describe(callReducer.name, () => {
  const sut = callReducer;

  it('waits for the others when the join finds nobody in the call', () => {
    const view = sut(INITIAL_CALL, { type: 'joined', joined: joined(), at: 1000 });
    expect(view).toMatchObject({ state: 'waiting', waitingSince: 1000, self: doctor(), endsAt: '2026-12-08T10:00:00.000Z' });
  });

  it('leaves the state to the engine when the join finds people in the call', () => {
    const view = sut({ ...INITIAL_CALL, state: 'connecting' }, { type: 'joined', joined: joined({ peers: [patient()] }), at: 1000 });
    expect(view.state).toBe('connecting');
  });

  it('takes the doctor’s lobby from every admitted join, first come first', () => {
    const lobby = [waitingGuest('g2', '2026-12-08T09:35:00.000Z'), waitingGuest('g1', '2026-12-08T09:31:00.000Z')];
    const view = sut(inCall([patient()]), { type: 'joined', joined: joined({ peers: [patient()], lobby }), at: 1000 });
    expect(view.lobby.map((guest) => guest.guestId)).toEqual(['g1', 'g2']);
  });

  it('puts a guest the doctor has not admitted yet in the lobby, counting the wait', () => {
    const view = sut(INITIAL_CALL, {
      type: 'in-lobby',
      joined: { admitted: false, sessionId: 's1', appointmentId: 'a1', self: interpreter(), endsAt: '2026-12-08T10:00:00.000Z' },
      at: 5000,
    });
    expect(view).toMatchObject({ state: 'lobby', self: interpreter(), waitingSince: 5000 });
  });

  it('keeps the time a wait began while the engine repeats the state', () => {
    const waiting = sut(INITIAL_CALL, { type: 'state', next: 'waiting', message: null, at: 1000 });
    expect(sut(waiting, { type: 'state', next: 'waiting', message: null, at: 9000 }).waitingSince).toBe(1000);
    expect(sut(waiting, { type: 'state', next: 'connected', message: null, at: 9000 }).waitingSince).toBeNull();
  });

  it('replaces the people in the call with the engine’s list', () => {
    const view = sut(inCall([patient()]), { type: 'peers', peers: [peer(patient()), peer(interpreter())] });
    expect(view.peers.map((p) => p.participant.name)).toEqual(['Sam Patel', 'Ana Ruiz']);
  });

  it('notes a departure while others stay, and remembers who left', () => {
    const view = sut(inCall([patient(), interpreter()]), { type: 'presence', kind: 'left', participant: interpreter(), at: 1000 });
    expect(view.notices).toEqual([{ id: 1, kind: 'left', participant: interpreter(), othersRemain: true, at: 1000 }]);
    expect(view.lastLeft).toEqual(interpreter());
  });

  it('leaves the last departure to the status line, whether the engine updated the list first or not', () => {
    const before = sut(inCall([patient()]), { type: 'presence', kind: 'left', participant: patient(), at: 1000 });
    const after = sut(inCall([]), { type: 'presence', kind: 'left', participant: patient(), at: 1000 });
    for (const view of [before, after]) {
      expect(view.notices).toEqual([]);
      expect(view.lastLeft).toEqual(patient());
    }
  });

  it('keeps only the newest notices, and drops one when it has been shown', () => {
    let view = inCall([patient()]);
    for (let i = 0; i < MAX_NOTICES + 2; i++) view = sut(view, { type: 'presence', kind: 'joined', participant: interpreter(), at: i });
    expect(view.notices.map((notice) => notice.id)).toEqual([3, 4, 5]);
    expect(sut(view, { type: 'notice-expired', id: 4 }).notices.map((notice) => notice.id)).toEqual([3, 5]);
  });

  it('ends rather than fails when the visit is gone', () => {
    const view = sut(INITIAL_CALL, { type: 'refused', reason: 'visit_ended', message: 'This visit has ended.' });
    expect(view).toMatchObject({ state: 'ended', refusal: 'visit_ended' });
    expect(sut(INITIAL_CALL, { type: 'refused', reason: 'too_early', message: 'Too early.' }).state).toBe('failed');
  });

  it('knows why a call failed without a refusal, for the screen to say it in the reader’s words', () => {
    const unreachable = sut(INITIAL_CALL, { type: 'unreachable', detail: 'websocket error' });
    expect(unreachable).toMatchObject({ state: 'failed', refusal: null, failure: { kind: 'unreachable', detail: 'websocket error' } });
    const elsewhere = sut(inCall([patient()]), {
      type: 'state',
      next: 'failed',
      message: 'This visit was opened in another window or on another device.',
      at: 1000,
    });
    expect(elsewhere.failure).toEqual({ kind: 'opened-elsewhere' });
    expect(sut(inCall([patient()]), { type: 'state', next: 'failed', message: 'Join the visit first.', at: 1000 }).failure).toEqual({
      kind: 'other',
    });
    expect(sut(elsewhere, { type: 'state', next: 'connecting', message: null, at: 2000 }).failure).toBeNull();
  });

  it('follows this side’s own socket, so only its own drop reads as reconnecting', () => {
    const offline = sut(inCall([patient()]), { type: 'socket', online: false });
    expect(offline.online).toBe(false);
    expect(sut(offline, { type: 'socket', online: true }).online).toBe(true);
  });

  it('keeps what adaptive quality lets this side send, and its own media as announced', () => {
    const paused = sut(inCall([patient()]), { type: 'adaptive', level: 'audio-only' });
    expect(paused.videoLevel).toBe('audio-only');
    const media = { audio: true, video: false, videoOff: 'network' as const };
    expect(sut(paused, { type: 'own-media', media }).ownMedia).toEqual(media);
  });
});

describe(awayPeers.name, () => {
  it('finds the people whose connection dropped and who are not back yet', () => {
    const peers = [peer(patient()), { ...peer(interpreter()), away: true }];
    expect(awayPeers(peers).map((p) => p.participant.name)).toEqual(['Ana Ruiz']);
  });
});

describe(screenSharer.name, () => {
  it('picks the first person sharing a screen, or nobody', () => {
    const screen = {} as MediaStream;
    expect(screenSharer([peer(patient())])).toBeNull();
    expect(screenSharer([peer(patient()), { ...peer(interpreter()), screen }])?.participant.name).toBe('Ana Ruiz');
  });
});

describe(verifiablePeers.name, () => {
  const withCode = (participant: Participant) => ({ ...peer(participant), verificationCode: '482 193' });

  it('shows the doctor a code for every other person who has one', () => {
    const peers = [withCode(patient()), withCode(interpreter()), peer({ userId: 'g2', name: 'Leo Park', role: 'GUEST' })];
    expect(verifiablePeers(peers, true).map((p) => p.participant.userId)).toEqual(['p1', 'g1']);
  });

  it('shows everyone else only the code with the doctor, the one the doctor can mark verified', () => {
    expect(verifiablePeers([withCode(doctor()), withCode(interpreter())], false).map((p) => p.participant.userId)).toEqual(['d1']);
  });
});

describe(cameraIsOn.name, () => {
  it('counts a video paused by the network as a camera still on, unlike one turned off or unavailable', () => {
    expect(cameraIsOn({ video: true })).toBe(true);
    expect(cameraIsOn({ video: false, videoOff: 'network' })).toBe(true);
    expect(cameraIsOn({ video: false, videoOff: 'person' })).toBe(false);
    expect(cameraIsOn({ video: false, videoOff: 'device' })).toBe(false);
  });
});

describe(lobbyArrivals.name, () => {
  const sut = lobbyArrivals;

  it('counts everyone waiting as new the first time the lobby is seen', () => {
    expect(sut(null, [waitingGuest('g1', '2026-12-08T09:31:00.000Z')])).toHaveLength(1);
  });

  it('finds the guests who were not waiting before', () => {
    const waiting = [waitingGuest('g1', '2026-12-08T09:31:00.000Z'), waitingGuest('g2', '2026-12-08T09:35:00.000Z')];
    expect(sut(new Set(['g1']), waiting).map((guest) => guest.guestId)).toEqual(['g2']);
  });
});
