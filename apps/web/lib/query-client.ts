import { QueryClient } from '@tanstack/react-query';
import { heldQueryClient } from './tab-query-cache';

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

/**
 * The query cache of the pages that use react-query. In the browser, the tab's one: every layout
 * that provides it shares it, so going from a dashboard to the history and back keeps what was
 * fetched. On the server, a new one for each render: nothing is shared between requests.
 */
export function tabQueryClient(): QueryClient {
  return typeof window === 'undefined' ? makeQueryClient() : heldQueryClient(makeQueryClient);
}
