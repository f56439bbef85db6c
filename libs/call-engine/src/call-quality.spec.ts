import { qualityBetween, qualityLevel, readInboundSample, worstQuality, type CallQuality, type StatsEntry } from './call-quality';

function pair(rttSeconds: number): StatsEntry {
  return {
    id: 'pair',
    type: 'candidate-pair',
    timestamp: 0,
    nominated: true,
    state: 'succeeded',
    currentRoundTripTime: rttSeconds,
  };
}

function inbound(kind: 'audio' | 'video', fields: Partial<StatsEntry>): StatsEntry {
  return { id: `in-${kind}`, type: 'inbound-rtp', timestamp: 0, kind, ...fields };
}

describe(readInboundSample.name, () => {
  it('adds up both inbound streams and takes the nominated pair’s round trip and the audio level', () => {
    const sample = readInboundSample(
      [
        pair(0.0804),
        {
          id: 'other-pair',
          type: 'candidate-pair',
          timestamp: 0,
          nominated: false,
          state: 'waiting',
          currentRoundTripTime: 9,
        },
        inbound('audio', { bytesReceived: 1000, packetsLost: 1, packetsReceived: 50, audioLevel: 0.31 }),
        inbound('video', { bytesReceived: 9000, packetsLost: 2, packetsReceived: 100, framesDecoded: 42 }),
      ],
      5000,
    );

    expect(sample).toEqual({ at: 5000, bytes: 10_000, lost: 3, received: 150, rttMs: 80, framesDecoded: 42, audioLevel: 0.31 });
  });

  it('reads silence and no picture when nothing comes in', () => {
    expect(readInboundSample([], 0)).toEqual({ at: 0, bytes: 0, lost: 0, received: 0, audioLevel: 0 });
  });
});

describe(qualityBetween.name, () => {
  it('measures loss and bitrate over the interval, not since the start', () => {
    const previous = { at: 0, bytes: 1_000_000, lost: 100, received: 10_000, audioLevel: 0 };
    const current = { at: 2000, bytes: 1_250_000, lost: 105, received: 10_495, rttMs: 40, framesDecoded: 60, audioLevel: 0.2 };

    expect(qualityBetween(previous, current)).toEqual({ level: 'good', rttMs: 40, packetLossPct: 1, bitrateKbps: 1000, framesDecoded: 60 });
  });

  it('calls a long round trip or heavy loss what people notice', () => {
    expect(qualityLevel(undefined, 0)).toBe('unknown');
    expect(qualityLevel(300, 0)).toBe('fair');
    expect(qualityLevel(100, 10)).toBe('poor');
  });
});

describe(worstQuality.name, () => {
  const of = (level: CallQuality['level']): CallQuality => ({ level });

  it('shows the worst measured pair for the whole call', () => {
    expect(worstQuality([of('good'), of('poor'), of('fair')])).toEqual(of('poor'));
  });

  it('prefers any measured level to unknown, and has nothing to say about no pairs', () => {
    expect(worstQuality([of('unknown'), of('good')])).toEqual(of('good'));
    expect(worstQuality([of('unknown')])).toEqual(of('unknown'));
    expect(worstQuality([])).toBeUndefined();
  });
});
