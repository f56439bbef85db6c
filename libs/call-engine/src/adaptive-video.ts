import type { StatsEntry } from './call-quality';

/** What adaptive quality lets one side send: full video, reduced resolution and frame rate, or audio only. */
export type VideoLevel = 'full' | 'reduced' | 'audio-only';

/** Lowest first: the order the levels are stepped through. */
const LEVELS: readonly VideoLevel[] = ['audio-only', 'reduced', 'full'];

/*
 * Thresholds, and why:
 * - Loss: video codecs with retransmission and error correction ride out a few percent; around 10%
 *   the picture freezes and the video starts to crowd out the sound. Below 2% nobody notices (the
 *   same bound as the 'good' quality indicator).
 * - RTT: past about 600 ms of round trip (300 ms each way, twice ITU-T G.114's comfortable 150 ms)
 *   people talk over each other; below 300 ms a conversation feels natural.
 * - Available outgoing bitrate: under 150 kbps not even the reduced picture (half the resolution at
 *   15 frames per second) fits beside the sound. It is ignored while no video is sent: the browser's
 *   estimate then only follows what is sent and says nothing about what the network could carry.
 * - Runs: a poor stretch of 4 samples (4 s at the web's 1 s interval) is a real change, not a Wi-Fi
 *   hiccup; coming back needs twice as long a good stretch (8 samples) so a link at the edge does not
 *   flap between video and no video every few seconds. Without video to measure, a link whose audio
 *   fares well is tried again with reduced video; if it still cannot carry it, it pauses again.
 */
export const POOR_LOSS_PCT = 10;
export const GOOD_LOSS_PCT = 2;
export const POOR_RTT_MS = 600;
export const GOOD_RTT_MS = 300;
export const POOR_OUTGOING_KBPS = 150;
export const POOR_RUN_TO_STEP_DOWN = 4;
export const GOOD_RUN_TO_STEP_UP = 8;

/** The sending side of one peer connection at one instant, as the other side reports it back. */
export interface SendSample {
  /** What the other side lost of our audio (its latest receiver report), in percent. */
  audioLossPct?: number;
  videoLossPct?: number;
  rttMs?: number;
  availableOutgoingKbps?: number;
}

/** How one sample of a link looks for sending video: 'unknown' when nothing was measured. */
export type SendCondition = 'poor' | 'fair' | 'good' | 'unknown';

export interface AdaptiveState {
  level: VideoLevel;
  /** Consecutive poor samples so far. */
  poorRun: number;
  /** Consecutive good samples so far. */
  goodRun: number;
}

export const INITIAL_ADAPTIVE_STATE: AdaptiveState = { level: 'full', poorRun: 0, goodRun: 0 };

/** Reads a send sample from stats entries: `remote-inbound-rtp` loss and RTT per kind, and the nominated candidate pair's RTT and available outgoing bitrate. */
export function readSendSample(entries: Iterable<StatsEntry>): SendSample {
  const sample: SendSample = {};
  let remoteRttMs: number | undefined;
  for (const stat of entries) {
    const entry = stat as StatsEntry & { fractionLost?: number; roundTripTime?: number; kind?: string };
    if (entry.type === 'remote-inbound-rtp') {
      if (typeof entry.fractionLost === 'number') {
        const lossPct = Math.max(0, entry.fractionLost) * 100;
        if (entry.kind === 'audio') sample.audioLossPct = Math.max(sample.audioLossPct ?? 0, lossPct);
        if (entry.kind === 'video') sample.videoLossPct = Math.max(sample.videoLossPct ?? 0, lossPct);
      }
      if (typeof entry.roundTripTime === 'number') remoteRttMs = Math.max(remoteRttMs ?? 0, Math.round(entry.roundTripTime * 1000));
    }
    if (entry.type === 'candidate-pair' && entry.nominated && entry.state === 'succeeded') {
      if (typeof entry.currentRoundTripTime === 'number') sample.rttMs = Math.round(entry.currentRoundTripTime * 1000);
      if (typeof entry.availableOutgoingBitrate === 'number')
        sample.availableOutgoingKbps = Math.round(entry.availableOutgoingBitrate / 1000);
    }
  }
  sample.rttMs ??= remoteRttMs;
  return sample;
}

/**
 * Whether a sample is poor, good or in between for a side sending at `sendingLevel`. Video loss
 * counts only while video is sent: its last receiver report stays in the stats after it stops.
 */
export function sendCondition(sample: SendSample, sendingLevel: VideoLevel): SendCondition {
  const videoSent = sendingLevel !== 'audio-only';
  const losses = [sample.audioLossPct, videoSent ? sample.videoLossPct : undefined].filter((loss): loss is number => loss !== undefined);
  const lossPct = losses.length > 0 ? Math.max(...losses) : undefined;
  const kbps = videoSent ? sample.availableOutgoingKbps : undefined;
  if (lossPct === undefined && sample.rttMs === undefined && kbps === undefined) return 'unknown';
  if ((lossPct ?? 0) >= POOR_LOSS_PCT || (sample.rttMs ?? 0) >= POOR_RTT_MS || (kbps !== undefined && kbps < POOR_OUTGOING_KBPS))
    return 'poor';
  if ((lossPct ?? 0) < GOOD_LOSS_PCT && (sample.rttMs ?? 0) < GOOD_RTT_MS) return 'good';
  return 'fair';
}

/**
 * The next adaptive state of one link after one sample: a run of POOR_RUN_TO_STEP_DOWN poor samples
 * steps down a level (full → reduced → audio only), a run of GOOD_RUN_TO_STEP_UP good ones steps up
 * one level; a sample in between breaks both runs, and an unknown one changes nothing.
 */
export function nextAdaptiveState(state: AdaptiveState, condition: SendCondition): AdaptiveState {
  const index = LEVELS.indexOf(state.level);
  switch (condition) {
    case 'unknown':
      return state;
    case 'fair':
      return { level: state.level, poorRun: 0, goodRun: 0 };
    case 'poor': {
      const poorRun = state.poorRun + 1;
      if (poorRun >= POOR_RUN_TO_STEP_DOWN && index > 0) return { level: LEVELS[index - 1]!, poorRun: 0, goodRun: 0 };
      return { level: state.level, poorRun, goodRun: 0 };
    }
    case 'good': {
      const goodRun = state.goodRun + 1;
      if (goodRun >= GOOD_RUN_TO_STEP_UP && index < LEVELS.length - 1) return { level: LEVELS[index + 1]!, poorRun: 0, goodRun: 0 };
      return { level: state.level, poorRun: 0, goodRun };
    }
  }
}

/** The level the whole call sends at: the lowest any link needs (one camera feeds everyone). */
export function lowestVideoLevel(levels: Iterable<VideoLevel>): VideoLevel {
  let lowest: VideoLevel = 'full';
  for (const level of levels) if (LEVELS.indexOf(level) < LEVELS.indexOf(lowest)) lowest = level;
  return lowest;
}
