'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/api-client';
import type { CallView } from './useCall';
import { visitChanged } from './useVisitRecord';

/** Leaving and ending the call: busy while either runs, its failure as a sentence; ending refreshes what shows the visit. */
export function useCallActions(call: Pick<CallView, 'leave' | 'endSession'>) {
  const client = useQueryClient();
  const leave = useMutation({ mutationFn: call.leave });
  const end = useMutation({ mutationFn: call.endSession, onSuccess: () => void visitChanged(client) });
  const failed = end.error ?? leave.error;
  return {
    busy: leave.isPending || end.isPending,
    error: failed ? errorMessage(failed) : null,
    leave: () => {
      end.reset();
      leave.mutate();
    },
    end: () => {
      leave.reset();
      end.mutate();
    },
  };
}
