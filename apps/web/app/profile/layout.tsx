import type { ReactNode } from 'react';
import { AppShell } from '@/components/common/AppShell';
import { QueryProvider } from '@/components/common/QueryProvider';
import { requireSession } from '@/lib/auth';

export const dynamic = 'force-dynamic';

/** Everyone signed in has a profile, a visit's guest too (an interpreter may want the call screens in their language). */
export default async function ProfileLayout({ children }: { children: ReactNode }) {
  const session = await requireSession('/profile');
  return (
    <AppShell session={session}>
      <QueryProvider>{children}</QueryProvider>
    </AppShell>
  );
}
