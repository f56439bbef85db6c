import type { ReactNode } from 'react';
import { AppShell } from '@/components/common/AppShell';
import { requireSession } from '@/lib/auth';

export const dynamic = 'force-dynamic';

export default async function PatientLayout({ children }: { children: ReactNode }) {
  const session = await requireSession('/patient', 'PATIENT');
  return <AppShell session={session}>{children}</AppShell>;
}
