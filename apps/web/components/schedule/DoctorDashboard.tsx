'use client';

import Link from 'next/link';
import { useAppointments } from '@/hooks/useAppointments';
import { DoctorAppointments } from '@/components/schedule/DoctorAppointments';
import { ScheduleVisitForm } from '@/components/schedule/ScheduleVisitForm';
import { WaitingRoomPanel } from '@/components/schedule/WaitingRoomPanel';

export function DoctorDashboard() {
  const upcoming = useAppointments('upcoming');
  return (
    <div className="grid grid-dashboard">
      <div className="stack">
        <WaitingRoomPanel />
        <DoctorAppointments appointments={upcoming} />
        <section className="card history-teaser" aria-labelledby="doctor-history-title">
          <div className="item-main">
            <h2 id="doctor-history-title">Past visits</h2>
            <p className="hint">Notes, reports and what happened in visits that are over.</p>
          </div>
          <Link className="btn btn-secondary" href="/history" data-testid="dashboard-history-link">
            Open past visits
          </Link>
        </section>
      </div>
      <ScheduleVisitForm />
    </div>
  );
}
