'use client';

import { useEffect, useState } from 'react';
import type { SessionPage, SessionResponse } from '@telehealth/contracts';
import { useClientSession } from '@/components/SessionContext';
import { apiRequest, errorMessage } from '@/lib/api-client';
import { useApiResource } from './useApiResource';

export interface HistoryQuery {
  page: number;
  pageSize: number;
  /** ISO instants: `from` inclusive, `to` exclusive (the API's range on the scheduled start). */
  from?: string;
  to?: string;
  withUserId?: string;
}

export interface SessionHistoryState {
  items: SessionResponse[];
  total: number;
  loading: boolean;
  error: string | null;
  reload: () => Promise<void>;
}

function queryString(query: HistoryQuery): string {
  const params = new URLSearchParams({ page: String(query.page), pageSize: String(query.pageSize) });
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (query.withUserId) params.set('withUserId', query.withUserId);
  return params.toString();
}

/** One page of the signed-in user's visit history (newest first); `null` holds the request back. */
export function useSessionHistory(query: HistoryQuery | null): SessionHistoryState {
  const { data, loading, error, reload } = useApiResource<SessionPage>(query ? `/sessions?${queryString(query)}` : null);
  return { items: data?.items ?? [], total: data?.total ?? 0, loading, error, reload };
}

/**
 * The people the user has had visits with, for the history's filter: gathered from the most
 * recent 100 visits (the API has no list of counterparts of its own). Waits for `enabled`, so it
 * does not race the page's first list request.
 */
export function useHistoryParties(enabled: boolean): { parties: Array<{ id: string; name: string }>; error: string | null } {
  const session = useClientSession();
  const [parties, setParties] = useState<Array<{ id: string; name: string }>>([]);
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState(false);
  if (enabled && !started) setStarted(true);

  useEffect(() => {
    if (!started) return;
    let cancelled = false;
    apiRequest<SessionPage>('/sessions?page=1&pageSize=100')
      .then((page) => {
        if (cancelled) return;
        const seen = new Map<string, string>();
        for (const visit of page.items) {
          const other = visit.doctor.id === session.user.id ? visit.patient : visit.doctor;
          seen.set(other.id, other.name);
        }
        setParties([...seen.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)));
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(errorMessage(e));
      });
    return () => {
      cancelled = true;
    };
  }, [session, started]);

  return { parties, error };
}
