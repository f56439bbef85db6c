'use client';

import { useCallback, useEffect, useState } from 'react';
import type { NotesResponse } from '@telehealth/contracts';
import { ApiError, apiRequest, errorMessage } from '@/lib/api-client';

export type SaveResult = { ok: true; notes: NotesResponse } | { ok: false; conflict: boolean; error: string };

export interface NotesState {
  notes: NotesResponse | null;
  loading: boolean;
  error: string | null;
  /** Fetches the latest saved notes and returns them (null if that failed; `error` says why). */
  reload: () => Promise<NotesResponse | null>;
  /** Saves `body` as the version after `baseVersion`; a 409 comes back as a conflict, not a throw. */
  save: (body: string, baseVersion: number) => Promise<SaveResult>;
}

/** The doctor's private notes on a visit, versioned: every save is a new version. */
export function useNotes(sessionId: string, enabled: boolean): NotesState {
  const [notes, setNotes] = useState<NotesResponse | null>(null);
  const [loading, setLoading] = useState(enabled);
  const [error, setError] = useState<string | null>(null);
  const path = `/sessions/${encodeURIComponent(sessionId)}/notes`;

  const reload = useCallback(async () => {
    try {
      const latest = await apiRequest<NotesResponse>(path);
      setNotes(latest);
      setError(null);
      return latest;
    } catch (e) {
      setError(errorMessage(e));
      return null;
    } finally {
      setLoading(false);
    }
  }, [path]);

  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, reload]);

  const save = useCallback(
    async (body: string, baseVersion: number): Promise<SaveResult> => {
      try {
        const saved = await apiRequest<NotesResponse>(path, { method: 'PUT', body: JSON.stringify({ body, baseVersion }) });
        setNotes(saved);
        return { ok: true, notes: saved };
      } catch (e) {
        return { ok: false, conflict: e instanceof ApiError && e.code === 409, error: errorMessage(e) };
      }
    },
    [path],
  );

  return { notes, loading, error, reload, save };
}
