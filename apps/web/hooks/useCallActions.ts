'use client';

import { useCallback, useRef, useState } from 'react';
import { errorMessage } from '@/lib/api-client';
import type { CallView } from './useCall';

interface AfterActions {
  /** The visit was ended: what shows it is fetched again. */
  onEnded: () => void;
  /** A guest was taken out of the call: the visit's guest list is fetched again. */
  onRemoved: () => void;
}

/**
 * Leaving and ending the call, and the doctor taking a guest out of it: busy while one runs, its
 * failure as a sentence. Each starts afresh: an earlier one's outcome no longer shows.
 */
export function useCallActions(call: Pick<CallView, 'leave' | 'endSession' | 'removeParticipant'>, { onEnded, onRemoved }: AfterActions) {
  const [shown, setShown] = useState<{ running: number | null; error: string | null }>({ running: null, error: null });
  const latest = useRef(0);
  const run = useCallback((action: () => Promise<unknown>, then?: () => void) => {
    const id = ++latest.current;
    const settle = (error: string | null) => setShown((was) => (was.running === id ? { running: null, error } : was));
    setShown({ running: id, error: null });
    action().then(
      () => {
        then?.();
        settle(null);
      },
      (e: unknown) => settle(errorMessage(e)),
    );
  }, []);
  return {
    busy: shown.running !== null,
    error: shown.error,
    leave: () => run(call.leave),
    end: () => run(call.endSession, onEnded),
    remove: (userId: string) => run(() => call.removeParticipant(userId), onRemoved),
  };
}
