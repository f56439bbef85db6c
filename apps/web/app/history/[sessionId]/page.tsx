import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { VisitRecord } from '@/components/history/VisitRecord';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: t('pages.visitRecord.title') };
}

export default async function SessionRecordPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  return <VisitRecord sessionId={sessionId} />;
}
