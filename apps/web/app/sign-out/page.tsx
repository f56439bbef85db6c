import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Brand } from '@/components/common/Brand';
import { SignOutButton } from '@/components/auth/SignOutButton';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth');
  return { title: t('signOut.metaTitle') };
}

export default async function SignOutPage() {
  const t = await getTranslations('auth');
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <Brand />
        <h1>{t('signOut.title')}</h1>
        <p>{t('signOut.question')}</p>
        <div className="actions">
          <SignOutButton />
          <a className="btn btn-ghost" href="/">
            {t('signOut.stay')}
          </a>
        </div>
      </div>
    </div>
  );
}
