import type { SessionResponse } from '@telehealth/contracts';
import { visitOutcome } from '@/lib/visit-record';

/** Completed / No-show / Cancelled / Ended … for a visit in the history. */
export function VisitOutcomeBadge({ visit }: { visit: Pick<SessionResponse, 'appointmentStatus' | 'status'> }) {
  const { outcome, label } = visitOutcome(visit);
  return (
    <span className={`status outcome-${outcome}`} data-testid="visit-status" data-outcome={outcome}>
      {label}
    </span>
  );
}
