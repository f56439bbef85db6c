'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UpdateProfileRequest, UserResponse } from '@telehealth/contracts';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** `PATCH /api/me`: the person's own name, time zone or language. */
export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: UpdateProfileRequest) => apiRequest<UserResponse>('/me', { method: 'PATCH', body: JSON.stringify(changes) }),
    onSuccess: (user) => client.setQueryData(queryKeys.me, user),
  });
}
