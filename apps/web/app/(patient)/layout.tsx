import type { ReactNode } from 'react';
import { redirect } from 'next/navigation';
import { AppShell } from '@/components/common/AppShell';
import { QueryProvider } from '@/components/common/QueryProvider';
import { requireSession, visitLinkHome } from '@/lib/auth';

export const dynamic = 'force-dynamic';

export default async function PatientLayout({ children }: { children: ReactNode }) {
  const session = await requireSession('/patient', 'PATIENT');
  // A visit-link session opens one visit, not the list of visits (the API would refuse it).
  if (session.user.visit) redirect(await visitLinkHome(session.user.visit, session.user.role));
  return (
    <AppShell session={session}>
      <QueryProvider>{children}</QueryProvider>
    </AppShell>
  );
}
