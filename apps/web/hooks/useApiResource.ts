'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { apiRequest, errorMessage } from '@/lib/api-client';

export interface ApiResource<T> {
  data: T | null;
  loading: boolean;
  error: string | null;
  reload: () => Promise<void>;
}

/**
 * A GET of the API (through /bff) (none while `path` is null), kept fresh every `refreshMs` if given; the last
 * answer stays shown while the next loads, and an answer overtaken by a newer request is dropped.
 */
export function useApiResource<T>(path: string | null, refreshMs?: number): ApiResource<T> {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  const reload = useCallback(async () => {
    if (path === null) return;
    const ticket = ++latest.current;
    setLoading(true);
    try {
      const answer = await apiRequest<T>(path);
      if (ticket !== latest.current) return;
      setData(answer);
      setError(null);
    } catch (e) {
      if (ticket === latest.current) setError(errorMessage(e));
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, [path]);

  useEffect(() => {
    void reload();
    const timer = refreshMs ? setInterval(() => void reload(), refreshMs) : undefined;
    return () => {
      clearInterval(timer);
      // A newer path (or leaving the page) makes any answer still on its way stale. The ref is a
      // request counter, not a DOM node: its value at cleanup time is exactly the one to bump.
      // eslint-disable-next-line react-hooks/exhaustive-deps
      latest.current++;
    };
  }, [reload, refreshMs]);

  return { data, loading, error, reload };
}
