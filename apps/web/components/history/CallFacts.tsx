import type { SessionDetailResponse } from '@telehealth/contracts';
import { connectionSummary, mediaSummary, verificationSummary } from '@/lib/visit-record';

/**
 * What the call itself was like: how long it ran with video and with audio only, how its media
 * travelled and how well, and whether the doctor verified it with the code read aloud.
 */
export function CallFacts({ detail, timeZone }: { detail: SessionDetailResponse; timeZone: string }) {
  return (
    <section className="card" aria-labelledby="call-facts-title" data-testid="call-facts">
      <div className="card-head">
        <h2 id="call-facts-title">The call</h2>
      </div>
      <dl className="facts">
        <dt>Video and audio</dt>
        <dd data-testid="record-media">{mediaSummary(detail.media)}</dd>
        <dt>Connection</dt>
        <dd data-testid="record-connection">{connectionSummary(detail.connection)}</dd>
        <dt>Verified</dt>
        <dd data-testid="record-verified">{verificationSummary(detail.verifications, timeZone)}</dd>
      </dl>
      <p className="hint facts-foot">
        Verified: the doctor and the other person read aloud the same six-digit code, which shows nobody could listen in between them. Round
        trip: how long data took to reach the other side and back. Packet loss: the share of sound and video that did not arrive.
      </p>
    </section>
  );
}
