import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuditLog } from '@/components/admin/AuditLog';
import { OpenRooms } from '@/components/admin/OpenRooms';
import { PageTitle } from '@/components/common/PageTitle';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: t('pages.adminOverview.title') };
}

export default async function AdminHomePage() {
  const t = await getTranslations('common');
  return (
    <>
      <PageTitle title={t('pages.adminOverview.title')} subtitle={t('pages.adminOverview.subtitle')} />
      <div className="grid grid-dashboard">
        <OpenRooms />
        <AuditLog />
      </div>
    </>
  );
}
