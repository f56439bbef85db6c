'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UserResponse } from '@telehealth/contracts';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** The signed-in account as the API knows it now (`GET /api/me`): whether it has a password, which visit a link session opens. */
export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: () => apiRequest<UserResponse>('/me'), staleTime: 60_000 });
}

/** A first password for an account that has none (a patient who came in by a visit link); the account is fetched again. */
export function useChoosePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => apiRequest<null>('/auth/password/choose', { method: 'POST', body: JSON.stringify({ password }) }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.me }),
  });
}
