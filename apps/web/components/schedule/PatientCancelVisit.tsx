'use client';

import { useTranslations } from 'next-intl';
import type { AppointmentResponse } from '@telehealth/contracts';
import { useChangeAppointment } from '@/hooks/useAppointments';
import { errorReason } from '@/lib/api-client';
import { cancelNoticeText, patientCancelDeadline, visitRefusalText } from '@/lib/live-visits';
import { formatDateTime, formatTime } from '@/lib/time';
import { ConfirmDialog } from '@/components/common/ConfirmDialog';

interface ItemProps {
  appointment: AppointmentResponse;
  now: number;
  timeZone: string;
  onCancel: () => void;
}

/**
 * The patient's Cancel button on an upcoming visit, until the notice period begins; then a sentence
 * saying why it is gone. The API decides in the end (a longer notice there is refused with its sentence).
 */
export function PatientCancelVisit({ appointment: a, now, timeZone, onCancel }: ItemProps) {
  const t = useTranslations('schedule');
  const deadline = patientCancelDeadline(a);
  if (now >= deadline) {
    return (
      <span className="hint" data-testid="patient-cancel-closed">
        {t('cancel.closed', { notice: cancelNoticeText(t, a) })}
      </span>
    );
  }
  return (
    <button
      type="button"
      className="btn btn-ghost btn-ghost-danger btn-small"
      onClick={onCancel}
      aria-label={t('cancel.label', {
        name: a.doctor.name,
        when: formatDateTime(a.startsAt, timeZone),
        time: formatTime(new Date(deadline).toISOString(), timeZone),
      })}
      data-testid="patient-cancel-visit"
    >
      {t('cancel.button')}
    </button>
  );
}

/** Asks before cancelling; shows the API's sentence when it refuses (too close to the start, or already changed). */
export function PatientCancelDialog({
  appointment: a,
  timeZone,
  onClose,
}: {
  appointment: AppointmentResponse;
  timeZone: string;
  onClose: () => void;
}) {
  const t = useTranslations('schedule');
  const common = useTranslations('common');
  const change = useChangeAppointment();
  const reason = change.error ? errorReason(change.error) : null;
  // Too late is final for this visit; any other refusal may pass on a second try.
  const tooLate = reason === 'too_late';

  async function confirm() {
    try {
      await change.mutateAsync({ id: a.id, change: { status: 'CANCELLED' } });
      onClose();
    } catch {
      // shown in the dialog from change.error
    }
  }

  return (
    <ConfirmDialog
      title={t('cancel.title')}
      confirmLabel={change.isPending ? t('cancel.cancelling') : t('cancel.confirm')}
      cancelLabel={change.error ? t('cancel.close') : t('cancel.keep')}
      danger
      busy={change.isPending || tooLate}
      onConfirm={() => void confirm()}
      onCancel={onClose}
      testId="patient-cancel-dialog"
    >
      <p>
        {t('cancel.body', {
          name: a.doctor.name,
          when: formatDateTime(a.startsAt, timeZone),
          reason: a.reason,
          notice: cancelNoticeText(t, a),
        })}
      </p>
      {change.error && (
        <div className="alert alert-error" role="alert" data-testid="patient-cancel-error">
          {visitRefusalText(t, common, change.error, 'cancel', cancelNoticeText(t, a))}
        </div>
      )}
    </ConfirmDialog>
  );
}
