import { useTranslations } from 'next-intl';
import type { SessionResponse } from '@telehealth/contracts';
import { visitOutcome } from '@/lib/visit-record';

/** Completed / No-show / Cancelled / Ended … for a visit in the history. */
export function VisitOutcomeBadge({ visit }: { visit: Pick<SessionResponse, 'appointmentStatus' | 'status'> }) {
  const t = useTranslations('history');
  const { outcome } = visitOutcome(visit);
  return (
    <span className={`status outcome-${outcome}`} data-testid="visit-status" data-outcome={outcome}>
      {t(`outcome.${outcome}`)}
    </span>
  );
}
