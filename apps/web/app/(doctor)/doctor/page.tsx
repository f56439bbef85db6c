import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { DoctorDashboard } from '@/components/schedule/DoctorDashboard';
import { PageTitle } from '@/components/common/PageTitle';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: t('pages.doctor.metaTitle') };
}

export default async function DoctorHomePage() {
  const t = await getTranslations('common');
  return (
    <>
      <PageTitle title={t('pages.doctor.title')} subtitle={t('pages.doctor.subtitle')} />
      <DoctorDashboard />
    </>
  );
}
