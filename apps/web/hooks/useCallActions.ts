'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { CallView } from './useCall';
import { visitChanged } from './useVisitRecord';

/**
 * Leaving and ending the call, and the doctor taking a guest out of it: busy while any runs, its
 * failure as a sentence; ending refreshes what shows the visit, a removal the visit's guest list.
 */
export function useCallActions(call: Pick<CallView, 'leave' | 'endSession' | 'removeParticipant'>, appointmentId: string) {
  const client = useQueryClient();
  const leave = useMutation({ mutationFn: call.leave });
  const end = useMutation({ mutationFn: call.endSession, onSuccess: () => void visitChanged(client) });
  const remove = useMutation({
    mutationFn: call.removeParticipant,
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.visitGuests(appointmentId) }),
  });
  const failed = end.error ?? leave.error ?? remove.error;
  const resetAll = () => [leave, end, remove].forEach((mutation) => mutation.reset());
  return {
    busy: leave.isPending || end.isPending || remove.isPending,
    error: failed ? errorMessage(failed) : null,
    leave: () => {
      resetAll();
      leave.mutate();
    },
    end: () => {
      resetAll();
      end.mutate();
    },
    remove: (userId: string) => {
      resetAll();
      remove.mutate(userId);
    },
  };
}
