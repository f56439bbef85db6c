import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageTitle } from '@/components/common/PageTitle';
import { ProfileForm } from '@/components/profile/ProfileForm';
import { requireSession } from '@/lib/auth';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('profile');
  return { title: t('title') };
}

/** The signed-in person's name, time zone and language. */
export default async function ProfilePage() {
  const session = await requireSession('/profile');
  const t = await getTranslations('profile');
  const { name, timeZone, language } = session.user;
  return (
    <>
      <PageTitle title={t('title')} subtitle={t('subtitle')} />
      <ProfileForm user={{ name, timeZone, language }} />
    </>
  );
}
