import type { ReactNode } from 'react';
import { AppShell } from '@/components/common/AppShell';
import { requireSession } from '@/lib/auth';

export const dynamic = 'force-dynamic';

/** Past visits are for doctors and patients alike: any signed-in role. */
export default async function HistoryLayout({ children }: { children: ReactNode }) {
  const session = await requireSession('/history');
  return <AppShell session={session}>{children}</AppShell>;
}
