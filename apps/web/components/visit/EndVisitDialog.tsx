'use client';

import { ConfirmDialog } from '@/components/common/ConfirmDialog';

/** The doctor confirms ending the visit for both sides. */
export function EndVisitDialog({
  otherName,
  busy,
  onCancel,
  onConfirm,
}: {
  otherName: string;
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
      <p>The call stops for you and {otherName}, and the visit report is prepared. Nobody can rejoin afterwards.</p>
    </ConfirmDialog>
  );
}
