'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateRoomInput, CreatedRoom } from '@telehealth/contracts';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/**
 * The doctor starts an instant visit (`POST /api/rooms`): booked from now, with its link and code to
 * share at once. Like a booking, every appointment list is fetched again, so the visit is on the list.
 */
export function useStartInstantVisit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateRoomInput) => apiRequest<CreatedRoom>('/rooms', { method: 'POST', body: JSON.stringify(request) }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.appointments }),
  });
}
