import { useTranslations } from 'next-intl';
import type { SessionDetailResponse } from '@telehealth/contracts';
import { connectionSummary, mediaSummary, verificationSummary } from '@/lib/visit-record';

/**
 * What the call itself was like: how long it ran with video and with audio only, how its media
 * travelled and how well, and whether the doctor verified it with the code read aloud.
 */
export function CallFacts({ detail, timeZone }: { detail: SessionDetailResponse; timeZone: string }) {
  const t = useTranslations('history');
  return (
    <section className="card" aria-labelledby="call-facts-title" data-testid="call-facts">
      <div className="card-head">
        <h2 id="call-facts-title">{t('callFacts.title')}</h2>
      </div>
      <dl className="facts">
        <dt>{t('callFacts.media')}</dt>
        <dd data-testid="record-media">{mediaSummary(detail.media, t)}</dd>
        <dt>{t('callFacts.connection')}</dt>
        <dd data-testid="record-connection">{connectionSummary(detail.connection, t)}</dd>
        <dt>{t('callFacts.verified')}</dt>
        <dd data-testid="record-verified">{verificationSummary(detail.verifications, timeZone, t)}</dd>
      </dl>
      <p className="hint facts-foot">{t('callFacts.explained')}</p>
    </section>
  );
}
