'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditLogPage, ClinicVisitDetail, ClinicVisitPage, ClinicVisitPhase, RoomStatsResponse } from '@telehealth/contracts';
import { apiRequest, errorReason } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

const ROOM_STATS_REFRESH_MS = 10_000;

// Under the admin prefix queryKeys uses for the admin's pages (a visit changed elsewhere is fetched again on the next visit to the page).
const clinicVisitKeys = {
  list: (query: ClinicVisitsRequest | null) => ['admin', 'visits', query] as const,
  visit: (sessionId: string) => ['admin', 'visits', 'one', sessionId] as const,
};

// Errors are handed over as they are: the page words them in its language (components/admin/errors, lib/api-client's refusalText).

/** The visit rooms someone is in right now, on every API process; polled every 10 s. */
export function useRoomStats(): { data: RoomStatsResponse | undefined; error: Error | null } {
  const query = useQuery({
    queryKey: queryKeys.roomStats,
    queryFn: () => apiRequest<RoomStatsResponse>('/rooms/stats'),
    refetchInterval: ROOM_STATS_REFRESH_MS,
  });
  return { data: query.data, error: query.error ?? null };
}

/** One page of the audit log, newest first, each entry with the names of what it is about; the page shown stays while the next one loads. */
export function useAuditLog(page: number, pageSize: number): { data: AuditLogPage | undefined; error: Error | null } {
  const query = useQuery({
    queryKey: queryKeys.auditLog(page, pageSize),
    queryFn: () => apiRequest<AuditLogPage>(`/audit?page=${page}&pageSize=${pageSize}`),
    placeholderData: (previous) => previous,
  });
  return { data: query.data, error: query.error ?? null };
}

/** What the admin's list of the clinic's visits asks for: ISO instants for the range (`from` inclusive, `to` exclusive). */
export interface ClinicVisitsRequest {
  page: number;
  pageSize: number;
  phase?: ClinicVisitPhase;
  from?: string;
  to?: string;
  doctorId?: string;
  status?: string;
}

function queryString(request: ClinicVisitsRequest): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(request)) if (value !== undefined && value !== '') params.set(key, String(value));
  return params.toString();
}

/** One page of the clinic's visits; `null` holds the request back (a filter that cannot be asked). The page shown stays while the next loads. */
export function useClinicVisits(request: ClinicVisitsRequest | null) {
  const query = useQuery({
    queryKey: clinicVisitKeys.list(request),
    queryFn: () => apiRequest<ClinicVisitPage>(`/admin/visits?${queryString(request!)}`),
    enabled: request !== null,
    placeholderData: keepPreviousData,
  });
  return {
    items: query.data?.items ?? [],
    total: query.data?.total ?? 0,
    loading: query.isFetching || (request !== null && query.isPending),
    error: query.error ?? null,
  };
}

/** One visit as the clinic's admin sees it (no reason, notes or chat). */
export function useClinicVisit(sessionId: string) {
  const query = useQuery({
    queryKey: clinicVisitKeys.visit(sessionId),
    queryFn: () => apiRequest<ClinicVisitDetail>(`/admin/visits/${encodeURIComponent(sessionId)}`),
  });
  return {
    visit: query.data ?? null,
    loading: query.isPending,
    error: query.error ?? null,
    notFound: errorReason(query.error) === 'not_found',
  };
}
