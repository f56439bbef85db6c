import { ReconnectCounter, readConnectionFacts, readConnectionPath } from './connection-facts';

const host = (id: string) => ({ type: 'local-candidate', id, candidateType: 'host' });
const relay = (id: string) => ({ type: 'remote-candidate', id, candidateType: 'relay' });
const pair = (localCandidateId: string, remoteCandidateId: string, currentRoundTripTime = 0.042) => ({
  type: 'candidate-pair',
  id: `${localCandidateId}-${remoteCandidateId}`,
  nominated: true,
  state: 'succeeded',
  localCandidateId,
  remoteCandidateId,
  currentRoundTripTime,
});
const inbound = (packetsReceived: number, packetsLost: number) => ({ type: 'inbound-rtp', kind: 'video', packetsReceived, packetsLost });

describe(readConnectionPath.name, () => {
  it('is direct between two host candidates, relayed when either end is a TURN relay', () => {
    expect(readConnectionPath([host('l1'), { ...host('r1'), type: 'remote-candidate' }, pair('l1', 'r1')] as never[])).toBe('direct');
    expect(readConnectionPath([host('l1'), relay('r2'), pair('l1', 'r2')] as never[])).toBe('relayed');
  });

  it('follows the transport’s selected pair over another nominated one', () => {
    const entries = [
      host('l1'),
      relay('r2'),
      host('r1'),
      pair('l1', 'r1'),
      pair('l1', 'r2'),
      { type: 'transport', id: 't', selectedCandidatePairId: 'l1-r2' },
    ];
    expect(readConnectionPath(entries as never[])).toBe('relayed');
  });

  it('knows no path before ICE selected a pair', () => {
    expect(readConnectionPath([host('l1'), { ...pair('l1', 'r1'), state: 'in-progress', nominated: false }] as never[])).toBeUndefined();
  });
});

describe(readConnectionFacts.name, () => {
  it('takes the RTT of the selected pair and the loss since the previous report', () => {
    const first = readConnectionFacts([host('l1'), pair('l1', 'r1'), inbound(1000, 10)] as never[], undefined);
    expect(first.facts).toEqual({ path: 'direct', rttMs: 42 });

    const second = readConnectionFacts([host('l1'), pair('l1', 'r1', 0.25), inbound(1950, 60)] as never[], first.totals);
    expect(second.facts).toEqual({ path: 'direct', rttMs: 250, lossPct: 5 });
  });
});

describe(ReconnectCounter.name, () => {
  it('counts each time a connected pair dropped and came back, not the first connection', () => {
    const sut = new ReconnectCounter();
    sut.follow('connecting');
    sut.follow('reconnecting');
    sut.follow('connected');
    expect(sut.reconnects).toBe(0);
    sut.follow('reconnecting');
    sut.follow('connected');
    sut.follow('connected');
    sut.follow('reconnecting');
    sut.follow('reconnecting');
    sut.follow('connected');
    expect(sut.reconnects).toBe(2);
  });
});
