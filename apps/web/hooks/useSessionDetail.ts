'use client';

import { useCallback, useEffect, useState } from 'react';
import type { SessionDetailResponse } from '@telehealth/contracts';
import { ApiError, apiRequest, errorMessage } from '@/lib/api-client';

export interface SessionDetailState {
  detail: SessionDetailResponse | null;
  loading: boolean;
  error: string | null;
  notFound: boolean;
}

/** The record of one visit: times, timeline, chat (and for its doctor, the latest notes). */
export function useSessionDetail(sessionId: string): SessionDetailState & { reload: () => void } {
  const [state, setState] = useState<SessionDetailState>({ detail: null, loading: true, error: null, notFound: false });
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((current) => current + 1), []);

  useEffect(() => {
    let cancelled = false;
    apiRequest<SessionDetailResponse>(`/sessions/${encodeURIComponent(sessionId)}`)
      .then((detail) => {
        if (!cancelled) setState({ detail, loading: false, error: null, notFound: false });
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        const notFound = e instanceof ApiError && e.code === 404;
        setState({ detail: null, loading: false, error: errorMessage(e), notFound });
      });
    return () => {
      cancelled = true;
    };
  }, [sessionId, version]);

  return { ...state, reload };
}
