import type { ReactNode } from 'react';
import { AppShell } from '@/components/common/AppShell';
import { QueryProvider } from '@/components/common/QueryProvider';
import { requireSession } from '@/lib/auth';

export const dynamic = 'force-dynamic';

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const session = await requireSession('/admin', 'ADMIN');
  return (
    <AppShell session={session}>
      <QueryProvider>{children}</QueryProvider>
    </AppShell>
  );
}
