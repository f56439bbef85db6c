import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';

/**
 * Waits until the `<video data-testid=…>` really shows moving pictures: it has a size, plays, its
 * clock advances and new frames reach the screen (requestVideoFrameCallback) from the moment this
 * wait starts, so a picture that froze earlier does not count.
 */
export async function expectVideoPlaying(page: Page, testId: string, timeout = 30_000): Promise<void> {
  const token = randomUUID();
  const selector = `video[data-testid="${testId}"]`;
  try {
    await page.waitForFunction(
      ({ selector, token }) => {
        interface Watch {
          video: HTMLVideoElement;
          frames: number;
          startedAt: number;
        }
        const watches = ((window as unknown as { __videoWatches?: Record<string, Watch | undefined> }).__videoWatches ??= {});
        const video = document.querySelector<HTMLVideoElement>(selector);
        if (!video || video.videoWidth === 0 || video.paused) return false;
        const watch = watches[token];
        if (watch?.video !== video) {
          // A new element (or the first look): count its frames from now on.
          const fresh: Watch = { video, frames: 0, startedAt: video.currentTime };
          watches[token] = fresh;
          const count = () => {
            fresh.frames += 1;
            if (watches[token] === fresh) video.requestVideoFrameCallback(count);
          };
          video.requestVideoFrameCallback(count);
          return false;
        }
        return watch.frames >= 3 && video.currentTime > watch.startedAt;
      },
      { selector, token },
      { timeout, polling: 200 },
    );
  } catch (error) {
    const seen = await page
      .evaluate(
        ({ selector, token }) => {
          const video = document.querySelector<HTMLVideoElement>(selector);
          const watch = (window as unknown as { __videoWatches?: Record<string, { frames: number } | undefined> }).__videoWatches?.[token];
          return video
            ? { width: video.videoWidth, paused: video.paused, time: video.currentTime, frames: watch?.frames ?? 0 }
            : 'no such video element';
        },
        { selector, token },
      )
      .catch(() => null);
    throw new Error(`${page.url()}: "${testId}" never played moving pictures: ${JSON.stringify(seen)}`, { cause: error });
  } finally {
    await page
      .evaluate((token) => {
        const watches = (window as unknown as { __videoWatches?: Record<string, unknown> }).__videoWatches;
        if (watches) delete watches[token];
      }, token)
      .catch(() => undefined);
  }
}

/** A link as RTCStats entries show it (the page stamps the time): what the other side reports losing of ours, and the selected pair. */
function recordedStats(condition: 'poor' | 'good'): object[] {
  const poor = condition === 'poor';
  const fractionLost = poor ? 0.2 : 0;
  const roundTripTime = poor ? 0.8 : 0.04;
  return [
    { id: 'RIV', type: 'remote-inbound-rtp', kind: 'video', fractionLost, roundTripTime },
    { id: 'RIA', type: 'remote-inbound-rtp', kind: 'audio', fractionLost, roundTripTime },
    {
      id: 'CP',
      type: 'candidate-pair',
      nominated: true,
      state: 'succeeded',
      currentRoundTripTime: roundTripTime,
      availableOutgoingBitrate: poor ? 80_000 : 2_500_000,
    },
  ];
}

/**
 * Feeds the call engine's adaptive quality recorded stats through its test seam
 * (`window.__telehealthStatsReplay`) on every link of `page`: a poor network, a good one, or
 * (null) the real getStats() again.
 */
export async function replayStats(page: Page, condition: 'poor' | 'good' | null): Promise<void> {
  const entries = condition === null ? null : recordedStats(condition);
  await page.evaluate((recorded) => {
    const seam = globalThis as unknown as { __telehealthStatsReplay?: (userId: string) => object[] | undefined };
    if (recorded === null) delete seam.__telehealthStatsReplay;
    else
      seam.__telehealthStatsReplay = () => recorded.map((entry) => ({ ...entry, timestamp: performance.timeOrigin + performance.now() }));
  }, entries);
}
