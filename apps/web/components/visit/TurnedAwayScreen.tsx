'use client';

import { useTranslations } from 'next-intl';

/**
 * What a guest sees when the doctor did not let them in, or took them out of the call: a plain
 * sentence and no way back in (their link no longer opens the visit).
 */
export function TurnedAwayScreen({ state, doctorName }: { state: 'declined' | 'removed'; doctorName: string }) {
  const t = useTranslations('call');
  const declined = state === 'declined';
  return (
    <section
      className="card end-screen"
      data-testid={declined ? 'call-declined' : 'call-removed'}
      data-state={state}
      aria-labelledby="turned-away-title"
      role="alert"
    >
      <h1 id="turned-away-title">{declined ? t('turnedAway.declinedTitle') : t('turnedAway.removedTitle')}</h1>
      <p data-testid="turned-away-text">{declined ? t('turnedAway.declinedText') : t('turnedAway.removedText')}</p>
      <p className="hint">{t('turnedAway.hint', { doctor: doctorName })}</p>
    </section>
  );
}
