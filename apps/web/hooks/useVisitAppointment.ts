'use client';

import { useQuery } from '@tanstack/react-query';
import type { AppointmentResponse } from '@telehealth/contracts';
import { apiRequest, errorMessage, errorReason } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** The appointment of the visit `sessionId`, or null when it is not one of the user's. */
async function fetchVisitAppointment(sessionId: string): Promise<AppointmentResponse | null> {
  try {
    return await apiRequest<AppointmentResponse>(`/sessions/${encodeURIComponent(sessionId)}/appointment`);
  } catch (e) {
    if (errorReason(e) === 'not_found') return null;
    throw e;
  }
}

/** The user's appointment whose visit (session) is `sessionId`. */
export function useVisitAppointment(sessionId: string): {
  appointment: AppointmentResponse | null;
  loading: boolean;
  error: string | null;
} {
  const query = useQuery({ queryKey: queryKeys.visitAppointment(sessionId), queryFn: () => fetchVisitAppointment(sessionId) });
  return { appointment: query.data ?? null, loading: query.isPending, error: query.error ? errorMessage(query.error) : null };
}
