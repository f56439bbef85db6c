import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AppShell } from '@/components/common/AppShell';
import { VisitRoom } from '@/components/visit/VisitRoom';
import { requireSession } from '@/lib/auth';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('call');
  return { title: t('page.title') };
}

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
