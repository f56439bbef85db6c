'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AppointmentPage, AppointmentResponse, NewPatient } from '@telehealth/contracts';
import { apiRequest, errorMessage } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export type AppointmentScope = 'upcoming' | 'past';

export interface AppointmentsState {
  items: AppointmentResponse[];
  total: number;
  loading: boolean;
  error: string | null;
}

/** The signed-in user's appointments of one scope, polled every `refreshMs`. */
export function useAppointments(scope: AppointmentScope, pageSize = 50, refreshMs = 60_000): AppointmentsState {
  const query = useQuery({
    queryKey: queryKeys.appointmentList(scope, pageSize),
    queryFn: () => apiRequest<AppointmentPage>(`/appointments?scope=${scope}&page=1&pageSize=${pageSize}`),
    refetchInterval: refreshMs,
  });
  return {
    items: query.data?.items ?? [],
    total: query.data?.total ?? 0,
    loading: query.isPending,
    error: query.error ? errorMessage(query.error) : null,
  };
}

/** A booking names an existing patient (`patientId`) or a new one (`patient`: name and email; a known email is reused). */
export type BookAppointment = ({ patientId: string } | { patient: NewPatient }) & {
  startsAt: string;
  durationMinutes: number;
  reason: string;
};

/** The doctor books a visit; every appointment list is fetched again. */
export function useBookAppointment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (booking: BookAppointment) =>
      apiRequest<AppointmentResponse>('/appointments', { method: 'POST', body: JSON.stringify(booking) }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.appointments }),
  });
}

export type AppointmentChange = { status: 'CANCELLED' } | { startsAt: string; durationMinutes: number };

/** Cancels or reschedules an appointment; resolves once the lists show the change. */
export function useChangeAppointment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: AppointmentChange }) =>
      apiRequest<AppointmentResponse>(`/appointments/${id}`, { method: 'PATCH', body: JSON.stringify(change) }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.appointments }),
  });
}
