'use client';

import { useCallback, useSyncExternalStore } from 'react';

/**
 * Whether the page matches a CSS media query now, following it as the window changes. The server
 * render (and hydration) say no: the browser's answer comes right after, so both first renders agree.
 */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}
