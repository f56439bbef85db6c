import { CallStatsSample, connectionFacts, percentile } from './connection-facts';

const at = (seconds: number) => new Date(Date.UTC(2026, 2, 2, 9, 0, seconds));
const sample = (overrides: Partial<CallStatsSample>): CallStatsSample => ({
  userId: 'doctor-1',
  peerId: 'patient-1',
  path: 'direct',
  rttMs: 40,
  lossPct: 0,
  reconnects: 0,
  sampledAt: at(0),
  ...overrides,
});

describe(connectionFacts.name, () => {
  it('says unknown, with no figures, without samples; signaling reconnects still count', () => {
    expect(connectionFacts([], 2)).toEqual({
      path: 'unknown',
      rttMedianMs: null,
      rttP95Ms: null,
      lossMedianPct: null,
      lossP95Pct: null,
      reconnects: 2,
      samples: 0,
    });
  });

  it('gives the median and 95th percentile across every sample that measured them', () => {
    const samples = [10, 20, 30, 40, 50, 60, 70, 80, 90, 500].map((rttMs, index) =>
      sample({ rttMs, lossPct: index / 10, sampledAt: at(index) }),
    );
    const sut = connectionFacts([...samples, sample({ rttMs: null, lossPct: null, sampledAt: at(20) })], 0);
    expect(sut).toMatchObject({ path: 'direct', rttMedianMs: 55, rttP95Ms: 316, lossMedianPct: 0.45, lossP95Pct: 0.86, samples: 11 });
  });

  it('says relayed or mixed from the paths seen', () => {
    expect(connectionFacts([sample({ path: 'relayed' })], 0).path).toBe('relayed');
    expect(connectionFacts([sample({}), sample({ path: 'relayed', userId: 'patient-1', peerId: 'doctor-1' })], 0).path).toBe('mixed');
  });

  it('counts per pair the larger of its two sides’ latest reconnects, plus the signaling reconnects', () => {
    const samples = [
      sample({ reconnects: 0, sampledAt: at(0) }),
      sample({ reconnects: 2, sampledAt: at(10) }),
      sample({ userId: 'patient-1', peerId: 'doctor-1', reconnects: 1, sampledAt: at(10) }),
      sample({ userId: 'guest-1', peerId: 'doctor-1', reconnects: 1, sampledAt: at(5) }),
    ];
    expect(connectionFacts(samples, 1).reconnects).toBe(2 + 1 + 1);
  });
});

describe(percentile.name, () => {
  it('interpolates between the nearest ranks', () => {
    expect(percentile([1, 2], 50)).toBe(1.5);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});
