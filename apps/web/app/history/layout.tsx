import type { ReactNode } from 'react';
import { redirect } from 'next/navigation';
import { AppShell } from '@/components/common/AppShell';
import { QueryProvider } from '@/components/common/QueryProvider';
import { homeOf, requireSession } from '@/lib/auth';

export const dynamic = 'force-dynamic';

/** Past visits are for doctors and patients alike: any signed-in role but a visit's guest, whose link opens only its call. */
export default async function HistoryLayout({ children }: { children: ReactNode }) {
  const session = await requireSession('/history');
  if (session.user.role === 'GUEST') redirect(homeOf(session.user));
  return (
    <AppShell session={session}>
      <QueryProvider>{children}</QueryProvider>
    </AppShell>
  );
}
