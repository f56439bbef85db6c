'use client';

import { useAppointments } from '@/hooks/useAppointments';
import { DoctorAppointments } from './DoctorAppointments';
import { ScheduleVisitForm } from './ScheduleVisitForm';
import { WaitingRoomPanel } from './WaitingRoomPanel';

export function DoctorDashboard() {
  const upcoming = useAppointments('upcoming');
  return (
    <div className="grid grid-dashboard">
      <div className="stack">
        <WaitingRoomPanel />
        <DoctorAppointments appointments={upcoming} />
      </div>
      <ScheduleVisitForm onScheduled={() => void upcoming.reload()} />
    </div>
  );
}
