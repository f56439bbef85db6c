'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { useEndVisit } from '@/hooks/useVisitRecord';
import { ConfirmDialog } from '@/components/common/ConfirmDialog';
import { historyError } from '@/components/history/errors';

/** For the doctor of a visit whose call was never ended (a closed tab, a lost connection): end it from the record. */
export function EndOpenVisit({ sessionId, patientName }: { sessionId: string; patientName: string }) {
  const t = useTranslations('history');
  const common = useTranslations('common');
  const [confirming, setConfirming] = useState(false);
  const ending = useEndVisit(sessionId);
  const busy = ending.isPending;
  const error = ending.error ? historyError(ending.error, t, common) : null;

  async function end() {
    // Success shows in the record, which is fetched again; a failure shows here (ending.error).
    await ending.mutateAsync().catch(() => undefined);
    setConfirming(false);
  }

  return (
    <section className="card card-warn" aria-labelledby="end-open-title" data-testid="end-open-visit">
      <h2 id="end-open-title">{t('endOpen.title')}</h2>
      <p>{t('endOpen.text')}</p>
      {error && (
        <div className="alert alert-error" role="alert" data-testid="end-open-error">
          {error}
        </div>
      )}
      <button type="button" className="btn btn-primary" onClick={() => setConfirming(true)} data-testid="end-open-button">
        {t('endOpen.end')}
      </button>
      {confirming && (
        <ConfirmDialog
          title={t('endOpen.confirmTitle')}
          confirmLabel={busy ? t('endOpen.ending') : t('endOpen.end')}
          cancelLabel={t('endOpen.notNow')}
          busy={busy}
          onConfirm={() => void end()}
          onCancel={() => setConfirming(false)}
          testId="end-open-dialog"
        >
          <p>{t('endOpen.confirmText', { patient: patientName })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
