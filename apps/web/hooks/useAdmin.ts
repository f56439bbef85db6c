'use client';

import { useQuery } from '@tanstack/react-query';
import type { AuditPage, RoomStatsResponse } from '@telehealth/contracts';
import { apiRequest, errorMessage } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

const ROOM_STATS_REFRESH_MS = 10_000;

/** The visit rooms someone is in right now, on every API process; polled every 10 s. */
export function useRoomStats(): { data: RoomStatsResponse | undefined; error: string | null } {
  const query = useQuery({
    queryKey: queryKeys.roomStats,
    queryFn: () => apiRequest<RoomStatsResponse>('/rooms/stats'),
    refetchInterval: ROOM_STATS_REFRESH_MS,
  });
  return { data: query.data, error: query.error ? errorMessage(query.error) : null };
}

/** One page of the audit log, newest first; the page shown stays while the next one loads. */
export function useAuditLog(page: number, pageSize: number): { data: AuditPage | undefined; error: string | null } {
  const query = useQuery({
    queryKey: queryKeys.auditLog(page, pageSize),
    queryFn: () => apiRequest<AuditPage>(`/audit?page=${page}&pageSize=${pageSize}`),
    placeholderData: (previous) => previous,
  });
  return { data: query.data, error: query.error ? errorMessage(query.error) : null };
}
