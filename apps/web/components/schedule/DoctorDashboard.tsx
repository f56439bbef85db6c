'use client';

import { useTranslations } from 'next-intl';
import { useAppointments } from '@/hooks/useAppointments';
import { useSignalingSocket } from '@/hooks/useSignalingSocket';
import { useVisitUpdates } from '@/hooks/useVisitUpdates';
import { useWaitingRoom } from '@/hooks/useWaitingRoom';
import { AppLink } from '@/components/common/AppLink';
import { DoctorAppointments } from '@/components/schedule/DoctorAppointments';
import { InstantVisitCard } from '@/components/instant-visit/InstantVisitCard';
import { ScheduleVisitForm } from '@/components/schedule/ScheduleVisitForm';
import { WaitingRoomPanel } from '@/components/schedule/WaitingRoomPanel';

/** Live updates come over one signaling socket; the list's slow poll is the fallback, quicker while that socket is down. */
const POLL_LIVE_MS = 120_000;
const POLL_OFFLINE_MS = 30_000;

export function DoctorDashboard() {
  const t = useTranslations('schedule');
  const link = useSignalingSocket();
  const room = useWaitingRoom(link.socket);
  const live = useVisitUpdates(link.socket);
  const upcoming = useAppointments('upcoming', 50, link.connection === 'live' ? POLL_LIVE_MS : POLL_OFFLINE_MS);
  // The waiting room is the doctor's own live list of who waits: it gives every row its waiting time.
  const waitingSince = Object.fromEntries(room.waiting.map((w) => [w.appointmentId, w.since]));
  return (
    <div className="grid grid-dashboard">
      <div className="stack">
        <InstantVisitCard />
        <WaitingRoomPanel link={link} room={room} />
        <DoctorAppointments appointments={upcoming} waitingSince={waitingSince} notice={live.notice} />
        <section className="card history-teaser" aria-labelledby="doctor-history-title">
          <div className="item-main">
            <h2 id="doctor-history-title">{t('doctor.pastTitle')}</h2>
            <p className="hint">{t('doctor.pastHint')}</p>
          </div>
          <AppLink className="btn btn-secondary" href="/history" data-testid="dashboard-history-link">
            {t('doctor.pastLink')}
          </AppLink>
        </section>
      </div>
      <ScheduleVisitForm />
    </div>
  );
}
