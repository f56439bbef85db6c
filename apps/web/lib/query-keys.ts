import type { AppointmentScope } from '@/hooks/useAppointments';
import type { HistoryQuery } from '@/hooks/useVisitHistory';

/**
 * Query keys by resource. A mutation invalidates the prefix it changes: booking, cancelling or
 * rescheduling invalidates `appointments`; ending a visit or saving notes invalidates that visit
 * (and ending it the appointments, whose state it changes); inviting, deactivating or reactivating
 * staff invalidates `staff`; choosing a password invalidates `me`. An invitation and a visit's
 * guests sit under `appointments`: a reschedule or cancellation replaces or revokes their links.
 */
export const queryKeys = {
  me: ['me'] as const,
  appointments: ['appointments'] as const,
  invitation: (appointmentId: string) => ['appointments', 'invitation', appointmentId] as const,
  visitGuests: (appointmentId: string) => ['appointments', 'guests', appointmentId] as const,
  appointmentList: (scope: AppointmentScope, pageSize: number) => ['appointments', scope, pageSize] as const,
  visits: ['visits'] as const,
  visitHistory: (query: HistoryQuery | null) => ['visits', 'history', query] as const,
  visitParties: ['visits', 'parties'] as const,
  visit: (sessionId: string) => ['visits', 'record', sessionId] as const,
  visitNotes: (sessionId: string) => ['visits', 'record', sessionId, 'notes'] as const,
  patientSearch: (query: string) => ['patients', 'search', query] as const,
  roomStats: ['admin', 'room-stats'] as const,
  auditLog: (page: number, pageSize: number) => ['admin', 'audit', page, pageSize] as const,
  staff: ['admin', 'staff'] as const,
};
