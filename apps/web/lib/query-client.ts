import { QueryClient } from '@tanstack/react-query';

/**
 * The web app's one query cache. Behaviour of the hand-written hooks it replaced: a failure
 * shows its sentence at once (no silent retries), and data is fetched when a page mounts or a
 * hook asks to poll, not again on every window focus.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 0 },
      mutations: { retry: false },
    },
  });
}
