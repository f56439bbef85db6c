import type { AppointmentResponse, VisitUpdatedEvent } from '@telehealth/contracts';

// Apart from the rest of lib/live-visits.ts (the dashboards' rules and words): the visit page patches
// its appointment with it, and fetches nothing more for that.

/**
 * The appointment as `visit-updated` says it is now. The join window keeps its lead before the
 * start (the API's `JOIN_BEFORE_MINUTES`, read off the appointment) and closes at the end.
 */
export function withVisitUpdate(appointment: AppointmentResponse, event: VisitUpdatedEvent): AppointmentResponse {
  const lead = Date.parse(appointment.startsAt) - Date.parse(appointment.joinOpensAt);
  const notice = Date.parse(appointment.startsAt) - Date.parse(appointment.patientCancelClosesAt);
  const startsAt = Date.parse(event.startsAt);
  return {
    ...appointment,
    status: event.status,
    sessionStatus: event.sessionStatus,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    durationMinutes: Math.round((Date.parse(event.endsAt) - startsAt) / 60_000),
    joinOpensAt: new Date(startsAt - lead).toISOString(),
    joinClosesAt: event.endsAt,
    patientCancelClosesAt: new Date(startsAt - notice).toISOString(),
    cancelledAt: event.status === 'CANCELLED' ? (appointment.cancelledAt ?? new Date().toISOString()) : appointment.cancelledAt,
  };
}
