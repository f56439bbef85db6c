'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ErrorReason, NotesResponse } from '@telehealth/contracts';
import { apiRequest, errorReason } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

// Someone saved a newer version first. `conflict` is what the API's notes service says until it
// names the reason (`stale_version`); drop it from here once it does.
const STALE: readonly (ErrorReason | null)[] = ['stale_version'];

/** A refused save keeps the error itself: the page words it in its language (components/history/errors). */
export type SaveResult = { ok: true; notes: NotesResponse } | { ok: false; conflict: boolean; error: Error };

export interface NotesState {
  notes: NotesResponse | null;
  loading: boolean;
  /** Why the notes could not be loaded, for the page to word (components/history/errors). */
  error: Error | null;
  /** Fetches the latest saved notes and returns them (null if that failed; `error` says why). */
  reload: () => Promise<NotesResponse | null>;
  /** Saves `body` as the version after `baseVersion`; someone else's newer save comes back as a conflict, not a throw. */
  save: (body: string, baseVersion: number) => Promise<SaveResult>;
}

/** The doctor's private notes on a visit, versioned: every save is a new version. */
export function useNotes(sessionId: string): NotesState {
  const client = useQueryClient();
  const path = `/sessions/${encodeURIComponent(sessionId)}/notes`;
  const query = useQuery({ queryKey: queryKeys.visitNotes(sessionId), queryFn: () => apiRequest<NotesResponse>(path) });
  const mutation = useMutation({
    mutationFn: ({ body, baseVersion }: { body: string; baseVersion: number }) =>
      apiRequest<NotesResponse>(path, { method: 'PUT', body: JSON.stringify({ body, baseVersion }) }),
    onSuccess: (saved) => {
      client.setQueryData(queryKeys.visitNotes(sessionId), saved);
      // The record carries the latest notes too.
      return client.invalidateQueries({ queryKey: queryKeys.visit(sessionId), exact: true });
    },
  });

  async function reload(): Promise<NotesResponse | null> {
    const result = await query.refetch();
    return result.data !== undefined && !result.error ? result.data : null;
  }

  async function save(body: string, baseVersion: number): Promise<SaveResult> {
    try {
      return { ok: true, notes: await mutation.mutateAsync({ body, baseVersion }) };
    } catch (e) {
      return { ok: false, conflict: STALE.includes(errorReason(e)), error: e instanceof Error ? e : new Error(String(e)) };
    }
  }

  return { notes: query.data ?? null, loading: query.isPending, error: query.error ?? null, reload, save };
}
