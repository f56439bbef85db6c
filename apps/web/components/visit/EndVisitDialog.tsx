'use client';

import { listOfNames } from '@/lib/participants';
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
  return (
    <ConfirmDialog
      title="End this visit for everyone?"
      confirmLabel="End session"
      cancelLabel="Keep talking"
      danger
      busy={busy}
      onCancel={onCancel}
      onConfirm={onConfirm}
      testId="end-session-dialog"
    >
      <p>The call stops for {listOfNames(['you', ...otherNames])}, and the visit report is prepared. Nobody can rejoin afterwards.</p>
    </ConfirmDialog>
  );
}
