'use client';

import { useTranslations } from 'next-intl';
import { liveVisitStatus, type AppointmentResponse, type LiveVisitStatus } from '@telehealth/contracts';
import { useNow } from '@/hooks/useNow';
import { liveStatusText, type Viewer } from '@/lib/live-visits';

const TONE: Record<LiveVisitStatus, string> = {
  scheduled: 'status-SCHEDULED',
  'patient-waiting': 'status-waiting',
  'in-call': 'status-live',
  ended: 'status-COMPLETED',
  cancelled: 'status-CANCELLED',
  missed: 'status-missed',
};

interface Props {
  appointment: Pick<AppointmentResponse, 'status' | 'sessionStatus'>;
  /** Since when the patient waits in the visit's room (ISO), as the live updates tell; null or absent when not. */
  waitingSince?: string | null;
  viewer: Viewer;
}

/** The waiting time ticks on its own, so only a waiting visit re-renders every few seconds. */
function WaitingBadge({ since, viewer }: { since: string; viewer: Viewer }) {
  const t = useTranslations('schedule');
  const now = useNow(10_000);
  return (
    <span className={`status ${TONE['patient-waiting']}`} data-testid="appointment-status" data-live-status="patient-waiting">
      {liveStatusText(t, 'patient-waiting', viewer, now - Date.parse(since))}
    </span>
  );
}

/**
 * A visit's live status in words (Scheduled · Patient waiting (for 4 min) · In call · Ended ·
 * Cancelled · Missed), from the one rule in contracts; the colour only repeats what the words say.
 */
export function LiveStatusBadge({ appointment, waitingSince = null, viewer }: Props) {
  const t = useTranslations('schedule');
  const status = liveVisitStatus({ ...appointment, patientWaitingSince: waitingSince });
  if (status === 'patient-waiting' && waitingSince) return <WaitingBadge since={waitingSince} viewer={viewer} />;
  return (
    <span className={`status ${TONE[status]}`} data-testid="appointment-status" data-live-status={status}>
      {liveStatusText(t, status, viewer, null)}
    </span>
  );
}
