'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { VisitInvitationResponse } from '@telehealth/contracts';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/**
 * Fetches the invitation of one of the doctor's visits (`GET /api/appointments/:id/invitation`):
 * the link, the code and a message ready to paste into SMS or chat. Always asked afresh: a
 * reschedule replaces the link.
 */
export function useFetchInvitation(): (appointmentId: string) => Promise<VisitInvitationResponse> {
  const client = useQueryClient();
  return useCallback(
    (appointmentId: string) =>
      client.fetchQuery({
        queryKey: queryKeys.invitation(appointmentId),
        queryFn: () => apiRequest<VisitInvitationResponse>(`/appointments/${encodeURIComponent(appointmentId)}/invitation`),
        staleTime: 0,
      }),
    [client],
  );
}
