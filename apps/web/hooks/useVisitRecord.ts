'use client';

import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { EndSessionResponse, SessionDetailResponse } from '@telehealth/contracts';
import { apiRequest, errorMessage, errorReason } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export interface VisitRecordState {
  detail: SessionDetailResponse | null;
  loading: boolean;
  error: string | null;
  notFound: boolean;
}

/** The record of one visit: times, who was there, timeline, chat (and for its doctor, the latest notes). */
export function useVisitRecord(sessionId: string): VisitRecordState {
  const query = useQuery({
    queryKey: queryKeys.visit(sessionId),
    queryFn: () => apiRequest<SessionDetailResponse>(`/sessions/${encodeURIComponent(sessionId)}`),
  });
  return {
    detail: query.data ?? null,
    loading: query.isPending,
    error: query.error ? errorMessage(query.error) : null,
    notFound: errorReason(query.error) === 'not_found',
  };
}

/** Ends a visit whose call was never ended, from its record; its record and the appointment lists are fetched again. */
export function useEndVisit(sessionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<EndSessionResponse>(`/sessions/${encodeURIComponent(sessionId)}/end`, { method: 'POST' }),
    onSuccess: () => visitChanged(client),
  });
}

/** A visit ended from its record: what shows it is fetched again (the visit page fetches its appointment itself). */
function visitChanged(client: QueryClient): Promise<unknown> {
  // Its record, the history and the appointment lists all show the visit's state.
  return Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.visits }),
    client.invalidateQueries({ queryKey: queryKeys.appointments }),
  ]);
}
