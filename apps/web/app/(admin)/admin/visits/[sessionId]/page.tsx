import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ClinicVisitRecord } from '@/components/admin/ClinicVisitRecord';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: t('pages.clinicVisit.title') };
}

export default async function ClinicVisitPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  return <ClinicVisitRecord sessionId={sessionId} />;
}
