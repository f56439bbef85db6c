import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageTitle } from '@/components/common/PageTitle';
import { PatientDashboard } from '@/components/schedule/PatientDashboard';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: t('pages.patient.title') };
}

export default async function PatientHomePage() {
  const t = await getTranslations('common');
  return (
    <>
      <PageTitle title={t('pages.patient.title')} subtitle={t('pages.patient.subtitle')} />
      <PatientDashboard />
    </>
  );
}
