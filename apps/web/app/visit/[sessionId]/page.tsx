import type { Metadata } from 'next';
import { AppShell } from '@/components/common/AppShell';
import { VisitRoom } from '@/components/visit/VisitRoom';
import { requireSession } from '@/lib/auth';

export const metadata: Metadata = { title: 'Visit' };
export const dynamic = 'force-dynamic';

export default async function VisitPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  const session = await requireSession(`/visit/${encodeURIComponent(sessionId)}`);
  return (
    <AppShell session={session}>
      <VisitRoom sessionId={sessionId} />
    </AppShell>
  );
}
