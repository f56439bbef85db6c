'use client';

import { useTranslations } from 'next-intl';
import { namesText } from '@/lib/call-words';
import { ConfirmDialog } from '@/components/common/ConfirmDialog';

/** The doctor confirms ending the visit for everyone in it. */
export function EndVisitDialog({
  otherNames,
  busy,
  onCancel,
  onConfirm,
}: {
  /** Everyone else in the call now (or the patient, when nobody is). */
  otherNames: string[];
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const t = useTranslations('call');
  return (
    <ConfirmDialog
      title={t('endDialog.title')}
      confirmLabel={t('endDialog.confirm')}
      cancelLabel={t('endDialog.cancel')}
      danger
      busy={busy}
      onCancel={onCancel}
      onConfirm={onConfirm}
      testId="end-session-dialog"
    >
      <p>{t('endDialog.text', { everyone: namesText(t, [t('people.you'), ...otherNames]) })}</p>
    </ConfirmDialog>
  );
}
