'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InviteStaffRequest, StaffListResponse, StaffMember } from '@telehealth/contracts';
import { apiRequest, errorMessage } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** The clinic's doctors and admins with where each stands (invited, active, deactivated). */
export function useStaff(): { data: StaffMember[] | undefined; error: string | null; loading: boolean } {
  const query = useQuery({
    queryKey: queryKeys.staff,
    queryFn: () => apiRequest<StaffListResponse>('/staff'),
  });
  return { data: query.data?.items, error: query.error ? errorMessage(query.error) : null, loading: query.isPending };
}

/** Invites a doctor or an admin (the API emails them a set-password link); the list is fetched again. */
export function useInviteStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invite: InviteStaffRequest) => apiRequest<StaffMember>('/staff', { method: 'POST', body: JSON.stringify(invite) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.staff }),
  });
}

/** Deactivates (`active: false`, out at once) or reactivates a staff account; the list is fetched again. */
export function useSetStaffActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      apiRequest<StaffMember>(`/staff/${encodeURIComponent(id)}`, { method: 'PATCH', body: JSON.stringify({ active }) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.staff }),
  });
}
