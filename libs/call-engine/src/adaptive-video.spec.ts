import {
  INITIAL_ADAPTIVE_STATE,
  lowestVideoLevel,
  nextAdaptiveState,
  readSendSample,
  sendCondition,
  type AdaptiveState,
  type SendCondition,
} from './adaptive-video';

function after(conditions: SendCondition[], from: AdaptiveState = INITIAL_ADAPTIVE_STATE): AdaptiveState {
  return conditions.reduce(nextAdaptiveState, from);
}

const times = (count: number, condition: SendCondition): SendCondition[] => Array<SendCondition>(count).fill(condition);

describe(readSendSample.name, () => {
  it('reads the loss the other side reports per kind, and the nominated pair’s RTT and outgoing bitrate', () => {
    const sample = readSendSample([
      { type: 'remote-inbound-rtp', kind: 'video', fractionLost: 0.12, roundTripTime: 0.2 },
      { type: 'remote-inbound-rtp', kind: 'audio', fractionLost: 0.01, roundTripTime: 0.2 },
      { type: 'candidate-pair', nominated: false, state: 'succeeded', currentRoundTripTime: 3, availableOutgoingBitrate: 1 },
      { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.08, availableOutgoingBitrate: 900_000 },
    ] as never[]);
    expect(sample).toEqual({ videoLossPct: 12, audioLossPct: 1, rttMs: 80, availableOutgoingKbps: 900 });
  });

  it('takes the RTT from the receiver reports when no pair is nominated yet', () => {
    expect(readSendSample([{ type: 'remote-inbound-rtp', kind: 'audio', fractionLost: 0, roundTripTime: 0.45 }] as never[]).rttMs).toBe(
      450,
    );
  });
});

describe(sendCondition.name, () => {
  it('is poor with heavy loss, a long round trip, or too little bandwidth for even reduced video', () => {
    expect(sendCondition({ videoLossPct: 15, rttMs: 50 }, 'full')).toBe('poor');
    expect(sendCondition({ audioLossPct: 0, rttMs: 800 }, 'full')).toBe('poor');
    expect(sendCondition({ audioLossPct: 0, rttMs: 50, availableOutgoingKbps: 90 }, 'reduced')).toBe('poor');
  });

  it('is good with little loss and a short round trip, and in between otherwise', () => {
    expect(sendCondition({ audioLossPct: 0.5, videoLossPct: 1, rttMs: 60, availableOutgoingKbps: 2000 }, 'full')).toBe('good');
    expect(sendCondition({ audioLossPct: 4, rttMs: 60 }, 'full')).toBe('fair');
  });

  it('ignores the stale video loss and the sending-limited bandwidth estimate while only audio is sent', () => {
    expect(sendCondition({ audioLossPct: 0, videoLossPct: 30, rttMs: 60, availableOutgoingKbps: 40 }, 'audio-only')).toBe('good');
  });

  it('knows nothing from an empty sample', () => {
    expect(sendCondition({}, 'full')).toBe('unknown');
  });
});

describe(nextAdaptiveState.name, () => {
  it('lowers the video after a sustained poor stretch, then pauses it if it stays poor', () => {
    expect(after(times(3, 'poor')).level).toBe('full');
    expect(after(times(4, 'poor')).level).toBe('reduced');
    expect(after(times(8, 'poor')).level).toBe('audio-only');
    expect(after(times(20, 'poor')).level).toBe('audio-only');
  });

  it('does not step down for poor samples that are not consecutive', () => {
    expect(after(['poor', 'poor', 'poor', 'fair', 'poor', 'poor', 'poor', 'good', 'poor']).level).toBe('full');
  });

  it('brings the video back one level at a time after a longer good stretch', () => {
    const paused = after(times(8, 'poor'));
    expect(after(times(7, 'good'), paused).level).toBe('audio-only');
    expect(after(times(8, 'good'), paused).level).toBe('reduced');
    expect(after(times(16, 'good'), paused).level).toBe('full');
  });

  it('keeps its runs across samples that measured nothing', () => {
    expect(after(['poor', 'poor', 'unknown', 'poor', 'poor']).level).toBe('reduced');
  });
});

describe(lowestVideoLevel.name, () => {
  it('sends what the weakest link can carry', () => {
    expect(lowestVideoLevel(['full', 'audio-only', 'reduced'])).toBe('audio-only');
    expect(lowestVideoLevel(['full', 'reduced'])).toBe('reduced');
    expect(lowestVideoLevel([])).toBe('full');
  });
});
