'use client';

import { useTranslations } from 'next-intl';
import type { Participant } from '@telehealth/contracts';
import { personText } from '@/lib/call-words';
import { ConfirmDialog } from '@/components/common/ConfirmDialog';

/** The doctor confirms taking `participant` (a guest) out of the call for good. */
export function RemoveParticipantDialog({
  participant,
  busy,
  onCancel,
  onConfirm,
}: {
  participant: Participant;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const t = useTranslations('call');
  return (
    <ConfirmDialog
      title={t('removeDialog.title', { name: participant.name })}
      confirmLabel={t('removeDialog.confirm')}
      cancelLabel={t('removeDialog.cancel')}
      danger
      busy={busy}
      onCancel={onCancel}
      onConfirm={onConfirm}
      testId="remove-participant-dialog"
    >
      <p>{t('removeDialog.text', { person: personText(t, participant) })}</p>
    </ConfirmDialog>
  );
}
