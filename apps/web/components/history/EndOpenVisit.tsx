'use client';

import { useState } from 'react';
import { useEndVisit } from '@/hooks/useVisitRecord';
import { errorMessage } from '@/lib/api-client';
import { ConfirmDialog } from '@/components/common/ConfirmDialog';

/** For the doctor of a visit whose call was never ended (a closed tab, a lost connection): end it from the record. */
export function EndOpenVisit({ sessionId, patientName }: { sessionId: string; patientName: string }) {
  const [confirming, setConfirming] = useState(false);
  const ending = useEndVisit(sessionId);
  const busy = ending.isPending;
  const error = ending.error ? errorMessage(ending.error) : null;

  async function end() {
    // Success shows in the record, which is fetched again; a failure shows here (ending.error).
    await ending.mutateAsync().catch(() => undefined);
    setConfirming(false);
  }

  return (
    <section className="card card-warn" aria-labelledby="end-open-title" data-testid="end-open-visit">
      <h2 id="end-open-title">The call was not ended</h2>
      <p>
        Nobody ended the call, so the visit still counts as in progress. End it to complete the record: your notes can then be written, and
        both of you see it as ended.
      </p>
      {error && (
        <div className="alert alert-error" role="alert" data-testid="end-open-error">
          {error}
        </div>
      )}
      <button type="button" className="btn btn-primary" onClick={() => setConfirming(true)} data-testid="end-open-button">
        End visit
      </button>
      {confirming && (
        <ConfirmDialog
          title="End this visit?"
          confirmLabel={busy ? 'Ending…' : 'End visit'}
          cancelLabel="Not now"
          busy={busy}
          onConfirm={() => void end()}
          onCancel={() => setConfirming(false)}
          testId="end-open-dialog"
        >
          <p>
            The visit with {patientName} is recorded as ended now. If {patientName} is still in the call, it closes for them.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
