'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InviteGuestRequest, InviteGuestResponse, VisitGuest, VisitGuestListResponse } from '@telehealth/contracts';
import { apiRequest, errorMessage } from '@/lib/api-client';
import { orderGuests } from '@/lib/participants';
import { queryKeys } from '@/lib/query-keys';

function guestsPath(appointmentId: string): string {
  return `/appointments/${encodeURIComponent(appointmentId)}/guests`;
}

export interface VisitGuestsState {
  /** Invited guests, the ones still invited first, each group in the order they were invited. */
  guests: VisitGuest[];
  loading: boolean;
  error: string | null;
}

/** The guests the doctor invited to one visit (`GET /api/appointments/:id/guests`), while `enabled`. */
export function useVisitGuests(appointmentId: string, enabled = true): VisitGuestsState {
  const query = useQuery({
    queryKey: queryKeys.visitGuests(appointmentId),
    queryFn: () => apiRequest<VisitGuestListResponse>(guestsPath(appointmentId)),
    enabled,
  });
  return {
    guests: orderGuests(query.data?.items ?? []),
    loading: enabled && query.isPending,
    error: query.error ? errorMessage(query.error) : null,
  };
}

/** The doctor invites a guest: their own link and code come back (and go by email when one is given). */
export function useInviteGuest(appointmentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (guest: InviteGuestRequest) =>
      apiRequest<InviteGuestResponse>(guestsPath(appointmentId), { method: 'POST', body: JSON.stringify(guest) }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.visitGuests(appointmentId) }),
  });
}

/** The doctor withdraws a guest's invitation: their link and code stop working. */
export function useRemoveGuest(appointmentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (guestId: string) => apiRequest<void>(`${guestsPath(appointmentId)}/${encodeURIComponent(guestId)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.visitGuests(appointmentId) }),
  });
}
