'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SessionPage, SessionResponse } from '@telehealth/contracts';
import { useSignedIn } from '@/components/auth/SignedInContext';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export interface HistoryQuery {
  page: number;
  pageSize: number;
  /** ISO instants: `from` inclusive, `to` exclusive (the API's range on the scheduled start). */
  from?: string;
  to?: string;
  withUserId?: string;
}

export interface VisitHistoryState {
  items: SessionResponse[];
  total: number;
  loading: boolean;
  /** Why the page could not be loaded, for the page to word in its language (components/history/errors). */
  error: Error | null;
}

function queryString(query: HistoryQuery): string {
  const params = new URLSearchParams({ page: String(query.page), pageSize: String(query.pageSize) });
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (query.withUserId) params.set('withUserId', query.withUserId);
  return params.toString();
}

/**
 * One page of the signed-in user's visit history (newest first); `null` holds the request back.
 * The page shown stays while the next one loads.
 */
export function useVisitHistory(query: HistoryQuery | null): VisitHistoryState {
  const result = useQuery({
    queryKey: queryKeys.visitHistory(query),
    queryFn: () => apiRequest<SessionPage>(`/sessions?${queryString(query!)}`),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
  return {
    items: result.data?.items ?? [],
    total: result.data?.total ?? 0,
    loading: result.isFetching || (query !== null && result.isPending),
    error: result.error ?? null,
  };
}

type Party = { id: string; name: string };

/** The other person of each visit, once each, by name. */
function partiesOf(page: SessionPage, selfId: string): Party[] {
  const seen = new Map<string, string>();
  for (const visit of page.items) {
    const other = visit.doctor.id === selfId ? visit.patient : visit.doctor;
    seen.set(other.id, other.name);
  }
  return [...seen.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The people the user has had visits with, for the history's filter: gathered from the most
 * recent 100 visits (the API has no list of counterparts of its own). Waits for `enabled`, so it
 * does not race the page's first list request, and is not asked again once it has answered.
 */
export function useHistoryParties(enabled: boolean): { parties: Party[]; error: Error | null } {
  const { user } = useSignedIn();
  const result = useQuery({
    queryKey: queryKeys.visitParties,
    queryFn: () => apiRequest<SessionPage>('/sessions?page=1&pageSize=100'),
    enabled,
    select: (page) => partiesOf(page, user.id),
    staleTime: Infinity,
  });
  return { parties: result.data ?? [], error: result.error ?? null };
}
