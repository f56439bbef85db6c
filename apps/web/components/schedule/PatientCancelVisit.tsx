'use client';

import type { AppointmentResponse } from '@telehealth/contracts';
import { useChangeAppointment } from '@/hooks/useAppointments';
import { errorMessage, errorReason } from '@/lib/api-client';
import { cancelNoticeText, patientCancelDeadline } from '@/lib/live-visits';
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
  const deadline = patientCancelDeadline(a);
  if (now >= deadline) {
    return (
      <span className="hint" data-testid="patient-cancel-closed">
        Less than {cancelNoticeText(a)} to go: to cancel, contact your doctor&apos;s office.
      </span>
    );
  }
  return (
    <button
      type="button"
      className="btn btn-ghost btn-ghost-danger btn-small"
      onClick={onCancel}
      aria-label={`Cancel the visit with ${a.doctor.name} on ${formatDateTime(a.startsAt, timeZone)} (possible until ${formatTime(new Date(deadline).toISOString(), timeZone)})`}
      data-testid="patient-cancel-visit"
    >
      Cancel visit
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
      title="Cancel this visit?"
      confirmLabel={change.isPending ? 'Cancelling…' : 'Cancel visit'}
      cancelLabel={change.error ? 'Close' : 'Keep visit'}
      danger
      busy={change.isPending || tooLate}
      onConfirm={() => void confirm()}
      onCancel={onClose}
      testId="patient-cancel-dialog"
    >
      <p>
        Your visit with {a.doctor.name} on {formatDateTime(a.startsAt, timeZone)} ({a.reason}). Your doctor is told at once. You can cancel
        up to {cancelNoticeText(a)} before the start.
      </p>
      {change.error && (
        <div className="alert alert-error" role="alert" data-testid="patient-cancel-error">
          {errorMessage(change.error)}
        </div>
      )}
    </ConfirmDialog>
  );
}
