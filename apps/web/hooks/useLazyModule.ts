'use client';

import { useEffect, useState } from 'react';
import type { LazyModule } from '@/lib/lazy-module';

/** How long after a failed fetch (a dropped connection) the module is asked for again. */
const RETRY_MS = 3000;

/**
 * `code`'s module once it is in, null until then. Asked for as the component mounts, so it arrives
 * while the person deals with what is already on the screen; asked for again after a failure.
 */
export function useLazyModule<T>(code: LazyModule<T>): T | null {
  const [module, setModule] = useState<T | null>(code.loaded);
  useEffect(() => {
    if (module) return;
    let live = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const attempt = () => {
      code.load().then(
        (loaded) => {
          if (live) setModule(() => loaded);
        },
        () => {
          if (live) retry = setTimeout(attempt, RETRY_MS);
        },
      );
    };
    attempt();
    return () => {
      live = false;
      clearTimeout(retry);
    };
  }, [code, module]);
  return module;
}
