import type { AppointmentResponse } from '@telehealth/contracts';

const LABEL = { SCHEDULED: 'Scheduled', CANCELLED: 'Cancelled', COMPLETED: 'Completed', NO_SHOW: 'No show' } as const;

export function StatusBadge({ appointment }: { appointment: Pick<AppointmentResponse, 'status' | 'sessionStatus'> }) {
  if (appointment.status === 'SCHEDULED' && appointment.sessionStatus === 'ACTIVE') {
    return (
      <span className="status status-live" data-testid="appointment-status">
        In progress
      </span>
    );
  }
  if (appointment.status === 'SCHEDULED' && appointment.sessionStatus === 'ENDED') {
    return (
      <span className="status status-COMPLETED" data-testid="appointment-status">
        Ended
      </span>
    );
  }
  return (
    <span className={`status status-${appointment.status}`} data-testid="appointment-status">
      {LABEL[appointment.status]}
    </span>
  );
}
