'use client';

import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { tabQueryClient } from '@/lib/query-client';

/**
 * The query cache for the pages under the layouts that use react-query (the dashboards, the
 * history, the profile), one cache per browser tab. The visit page has none, and never loads react-query.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(tabQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
