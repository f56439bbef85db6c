export interface CallQuality {
  level: 'good' | 'fair' | 'poor' | 'unknown';
  rttMs?: number;
  packetLossPct?: number;
  bitrateKbps?: number;
  /** Remote video frames decoded so far: proof that the picture really arrives. */
  framesDecoded?: number;
}

/** The incoming side of one peer connection at one instant, as `getStats()` counts it (totals since the start). */
export interface InboundSample {
  /** When it was read (ms). */
  at: number;
  bytes: number;
  lost: number;
  received: number;
  rttMs?: number;
  framesDecoded?: number;
  /** The loudest incoming audio right now, 0..1. */
  audioLevel: number;
}

/** One entry of an RTCStatsReport, with the fields of the kinds read here. */
export type StatsEntry = RTCStats & Partial<RTCIceCandidatePairStats & RTCInboundRtpStreamStats>;

/** Thresholds where people start to notice lag and freezes in a video call. */
export function qualityLevel(rttMs: number | undefined, packetLossPct: number): CallQuality['level'] {
  if (rttMs === undefined) return 'unknown';
  if (rttMs < 250 && packetLossPct < 2) return 'good';
  if (rttMs < 500 && packetLossPct < 8) return 'fair';
  return 'poor';
}

/** Adds up what a peer connection received: bytes and packets of every inbound stream, the nominated pair's RTT, audio level. */
export function readInboundSample(entries: Iterable<StatsEntry>, at: number): InboundSample {
  const sample: InboundSample = { at, bytes: 0, lost: 0, received: 0, audioLevel: 0 };
  for (const stat of entries) {
    if (stat.type === 'candidate-pair' && stat.nominated && stat.state === 'succeeded' && typeof stat.currentRoundTripTime === 'number') {
      sample.rttMs = Math.round(stat.currentRoundTripTime * 1000);
    }
    if (stat.type !== 'inbound-rtp') continue;
    sample.bytes += stat.bytesReceived ?? 0;
    sample.lost += stat.packetsLost ?? 0;
    sample.received += stat.packetsReceived ?? 0;
    if (stat.kind === 'video') sample.framesDecoded = (sample.framesDecoded ?? 0) + (stat.framesDecoded ?? 0);
    if (stat.kind === 'audio') sample.audioLevel = Math.max(sample.audioLevel, clampUnit(stat.audioLevel ?? 0));
  }
  return sample;
}

/** The quality over the interval between two samples of the same peer connection: loss and bitrate are deltas. */
export function qualityBetween(previous: InboundSample, current: InboundSample): CallQuality {
  const seconds = (current.at - previous.at) / 1000;
  const lostDelta = Math.max(0, current.lost - previous.lost);
  const total = lostDelta + Math.max(0, current.received - previous.received);
  const packetLossPct = total > 0 ? (lostDelta / total) * 100 : 0;
  const bitrateKbps = seconds > 0 ? Math.round(((current.bytes - previous.bytes) * 8) / seconds / 1000) : undefined;
  return {
    level: qualityLevel(current.rttMs, packetLossPct),
    rttMs: current.rttMs,
    packetLossPct: Math.round(packetLossPct * 10) / 10,
    bitrateKbps,
    framesDecoded: current.framesDecoded,
  };
}

// 'unknown' only means no round trip was measured yet: any measured level says more than it.
const SEVERITY: Record<CallQuality['level'], number> = { unknown: 0, good: 1, fair: 2, poor: 3 };

/** The worst of several peers' qualities (one indicator for the whole call); undefined when there is none. */
export function worstQuality(qualities: readonly CallQuality[]): CallQuality | undefined {
  let worst: CallQuality | undefined;
  for (const quality of qualities) {
    if (!worst || SEVERITY[quality.level] > SEVERITY[worst.level]) worst = quality;
  }
  return worst;
}

function clampUnit(value: number): number {
  return Math.min(1, Math.max(0, value));
}
