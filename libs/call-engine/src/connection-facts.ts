import type { ConnectionPath } from '@telehealth/contracts';
import type { StatsEntry } from './call-quality';

/** What the visit record keeps of one pair's connection at one instant. */
export interface ConnectionFacts {
  path: ConnectionPath;
  rttMs?: number;
  /** What this side lost of what it received since the previous facts, in percent. */
  lossPct?: number;
}

/** Packet totals of everything received, to take the loss between two reports. */
export interface ReceivedTotals {
  lost: number;
  received: number;
}

type CandidateEntry = StatsEntry & {
  candidateType?: string;
  localCandidateId?: string;
  remoteCandidateId?: string;
  selectedCandidatePairId?: string;
};

/**
 * The candidate pair media flows over: the transport's selected pair when the browser names it,
 * else the nominated pair that succeeded. Undefined before ICE settled on one.
 */
function selectedPair(entries: readonly CandidateEntry[]): CandidateEntry | undefined {
  const selectedId = entries.find((entry) => entry.type === 'transport' && entry.selectedCandidatePairId)?.selectedCandidatePairId;
  const byTransport = selectedId ? entries.find((entry) => entry.type === 'candidate-pair' && entry.id === selectedId) : undefined;
  return byTransport ?? entries.find((entry) => entry.type === 'candidate-pair' && entry.nominated && entry.state === 'succeeded');
}

/** Relayed when either end of the selected pair is a TURN relay candidate; undefined while no pair is selected. */
export function readConnectionPath(stats: Iterable<StatsEntry>): ConnectionPath | undefined {
  const entries = [...stats] as CandidateEntry[];
  const pair = selectedPair(entries);
  if (!pair) return undefined;
  const ends = [pair.localCandidateId, pair.remoteCandidateId].map((id) => entries.find((entry) => entry.id === id));
  return ends.some((end) => end?.candidateType === 'relay') ? 'relayed' : 'direct';
}

export function readReceivedTotals(stats: Iterable<StatsEntry>): ReceivedTotals {
  const totals: ReceivedTotals = { lost: 0, received: 0 };
  for (const entry of stats) {
    if (entry.type !== 'inbound-rtp') continue;
    totals.lost += Math.max(0, entry.packetsLost ?? 0);
    totals.received += entry.packetsReceived ?? 0;
  }
  return totals;
}

/**
 * The facts of one report: the path and RTT of the selected pair, and the loss since `previous`
 * (none on the first report, or when nothing arrived in between). Undefined while no pair is selected.
 */
export function readConnectionFacts(
  stats: Iterable<StatsEntry>,
  previous: ReceivedTotals | undefined,
): { facts?: ConnectionFacts; totals: ReceivedTotals } {
  const entries = [...stats];
  const totals = readReceivedTotals(entries);
  const path = readConnectionPath(entries);
  if (!path) return { totals };
  const pair = selectedPair(entries);
  const facts: ConnectionFacts = { path };
  if (typeof pair?.currentRoundTripTime === 'number') facts.rttMs = Math.round(pair.currentRoundTripTime * 1000);
  if (previous) {
    const lost = Math.max(0, totals.lost - previous.lost);
    const arrived = lost + Math.max(0, totals.received - previous.received);
    if (arrived > 0) facts.lossPct = Math.round((lost / arrived) * 1000) / 10;
  }
  return { facts, totals };
}

/**
 * Counts a pair's reconnects: each time its peer connection, having been connected, dropped
 * (disconnected or failed: 'reconnecting') and then connected again.
 */
export class ReconnectCounter {
  private count = 0;
  private dropped = false;
  private everConnected = false;

  get reconnects(): number {
    return this.count;
  }

  /** Follows each change of the pair's connection status. */
  follow(status: 'connecting' | 'connected' | 'reconnecting'): void {
    if (status === 'reconnecting' && this.everConnected) this.dropped = true;
    if (status !== 'connected') return;
    if (this.dropped) this.count += 1;
    this.dropped = false;
    this.everConnected = true;
  }
}
