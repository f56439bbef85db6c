import { roomCallState, type RoomSituation } from './call-state';

function situation(overrides: Partial<RoomSituation> = {}): RoomSituation {
  return { seat: 'room', socketConnected: true, peerConnections: [], lastPeerLeft: false, ...overrides };
}

describe(roomCallState.name, () => {
  it('waits for admission in the lobby, and says joining while the server has not placed this side', () => {
    expect(roomCallState(situation({ seat: 'lobby' }))).toBe('lobby');
    expect(roomCallState(situation({ seat: 'none' }))).toBe('joining');
  });

  it('waits when nobody else is there, and says the others left once the last one did', () => {
    expect(roomCallState(situation())).toBe('waiting');
    expect(roomCallState(situation({ lastPeerLeft: true }))).toBe('peer-left');
  });

  it('is connected as soon as one pair is, even while another still connects or reconnects', () => {
    expect(roomCallState(situation({ peerConnections: ['connecting', 'connected', 'reconnecting'] }))).toBe('connected');
  });

  it('is connecting while no pair is connected and not every pair is reconnecting', () => {
    expect(roomCallState(situation({ peerConnections: ['connecting'] }))).toBe('connecting');
    expect(roomCallState(situation({ peerConnections: ['reconnecting', 'connecting'] }))).toBe('connecting');
  });

  it('is reconnecting when every present pair is', () => {
    expect(roomCallState(situation({ peerConnections: ['reconnecting', 'reconnecting'] }))).toBe('reconnecting');
  });

  it('is reconnecting whenever its own socket is down, in the call or in the lobby', () => {
    expect(roomCallState(situation({ socketConnected: false, peerConnections: ['connected'] }))).toBe('reconnecting');
    expect(roomCallState(situation({ socketConnected: false, seat: 'lobby' }))).toBe('reconnecting');
  });
});
