import { useTranslations } from 'next-intl';
import type { ClinicVisit } from '@telehealth/contracts';
import { VisitOutcomeBadge } from '@/components/history/VisitOutcomeBadge';

/** A visit's status for the clinic: "Scheduled" while it is ahead, else what became of it (Completed, Cancelled, No-show, In progress …). */
export function ClinicVisitStatus({ visit }: { visit: Pick<ClinicVisit, 'phase' | 'appointmentStatus' | 'status'> }) {
  const t = useTranslations('admin');
  if (visit.phase === 'upcoming' && visit.appointmentStatus === 'SCHEDULED') {
    return (
      <span className="status status-SCHEDULED" data-testid="visit-status" data-outcome="SCHEDULED">
        {t('visits.statuses.SCHEDULED')}
      </span>
    );
  }
  return <VisitOutcomeBadge visit={visit} />;
}
