'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { isCallInProgress, setCallInProgress, subscribeCallInProgress } from '@/lib/call-in-progress';

/**
 * While `inCall`: closing or reloading the tab asks the browser's "Leave site?" question, and the
 * header's links ask "Leave the call?" first (they read `useCallInProgress`).
 */
export function useLeaveGuard(inCall: boolean): void {
  useEffect(() => {
    if (!inCall) return;
    setCallInProgress(true);
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers ask only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      setCallInProgress(false);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [inCall]);
}

/** Whether this page is in a call now (for links outside the call screen). */
export function useCallInProgress(): boolean {
  return useSyncExternalStore(subscribeCallInProgress, isCallInProgress, () => false);
}
