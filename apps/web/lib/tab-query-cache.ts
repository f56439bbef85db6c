import type { QueryClient } from '@tanstack/react-query';

// The tab's one query cache (lib/query-client.ts `tabQueryClient`), held apart from react-query's code:
// a page without react-query (the visit page, a visit link) still empties it when someone signs out or in
// there, without fetching react-query to do so.
let held: QueryClient | null = null;

/** The tab's query cache, made by `make` the first time a page asks for it. */
export function heldQueryClient(make: () => QueryClient): QueryClient {
  return (held ??= make());
}

/** Nothing cached for the person who used this tab stays for whoever comes next; nothing to do before a page made the cache. */
export function clearQueryCache(): void {
  held?.clear();
}
