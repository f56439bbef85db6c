import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { InviteStaffForm } from '@/components/admin/InviteStaffForm';
import { StaffList } from '@/components/admin/StaffList';
import { PageTitle } from '@/components/common/PageTitle';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: t('pages.staff.title') };
}

export default async function StaffPage() {
  const t = await getTranslations('common');
  return (
    <>
      <PageTitle title={t('pages.staff.title')} subtitle={t('pages.staff.subtitle')} />
      <div className="grid grid-dashboard">
        <StaffList />
        <InviteStaffForm />
      </div>
    </>
  );
}
