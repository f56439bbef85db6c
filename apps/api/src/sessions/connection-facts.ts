import type { ConnectionFacts } from '@telehealth/contracts';

/** One browser's sample of one pair (call_stats_samples). */
export interface CallStatsSample {
  userId: string;
  peerId: string;
  path: string;
  rttMs: number | null;
  lossPct: number | null;
  reconnects: number;
  sampledAt: Date;
}

/**
 * The call's connection from the browsers' samples: the path (direct, relayed, `mixed` when both were
 * seen, `unknown` without samples), the median and 95th percentile of round-trip time and of packet
 * loss across every sample of every pair that measured them, and the reconnects: per pair (either
 * way round), the larger of the two sides' latest counts (each side counts the same drops, and one
 * side's samples may stop early), plus the signaling reconnects of the timeline (RECONNECTED).
 */
export function connectionFacts(samples: CallStatsSample[], signalingReconnects: number): ConnectionFacts {
  const paths = new Set(samples.map((sample) => sample.path));
  const path = paths.size === 0 ? 'unknown' : paths.size > 1 ? 'mixed' : paths.has('relayed') ? 'relayed' : 'direct';
  const rtt = sorted(samples.map((sample) => sample.rttMs));
  const loss = sorted(samples.map((sample) => sample.lossPct));

  const latest = new Map<string, CallStatsSample>();
  for (const sample of samples) {
    const side = `${sample.userId}>${sample.peerId}`;
    const seen = latest.get(side);
    if (!seen || seen.sampledAt <= sample.sampledAt) latest.set(side, sample);
  }
  const perPair = new Map<string, number>();
  for (const sample of latest.values()) {
    const pair = [sample.userId, sample.peerId].sort().join('|');
    perPair.set(pair, Math.max(perPair.get(pair) ?? 0, sample.reconnects));
  }
  const mediaReconnects = [...perPair.values()].reduce((total, count) => total + count, 0);

  return {
    path,
    rttMedianMs: rounded(percentile(rtt, 50), 0),
    rttP95Ms: rounded(percentile(rtt, 95), 0),
    lossMedianPct: rounded(percentile(loss, 50), 2),
    lossP95Pct: rounded(percentile(loss, 95), 2),
    reconnects: mediaReconnects + signalingReconnects,
    samples: samples.length,
  };
}

function sorted(values: Array<number | null>): number[] {
  return values.filter((value): value is number => value !== null).sort((a, b) => a - b);
}

/** The p-th percentile, interpolating between the two nearest ranks (so the median of 1 and 2 is 1.5); null without values. */
export function percentile(ascending: number[], p: number): number | null {
  if (ascending.length === 0) return null;
  const rank = ((ascending.length - 1) * p) / 100;
  const below = Math.floor(rank);
  const above = Math.min(below + 1, ascending.length - 1);
  return ascending[below]! + (ascending[above]! - ascending[below]!) * (rank - below);
}

function rounded(value: number | null, decimals: number): number | null {
  if (value === null) return null;
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
