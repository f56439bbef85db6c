'use client';

import { useCallback, useState } from 'react';
import { errorMessage } from '@/lib/api-client';

/** A person's action against the API: busy while it runs, and its failure as a sentence to show. */
export function useApiAction(): { busy: boolean; error: string | null; run: (action: () => Promise<void>) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
