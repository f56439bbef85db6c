import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Brand } from '@/components/common/Brand';
import { LanguagePicker } from '@/components/common/LanguagePicker';
import { RegisterForm } from '@/components/auth/RegisterForm';
import { getSession, homeOf } from '@/lib/auth';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth');
  return { title: t('register.metaTitle') };
}
export const dynamic = 'force-dynamic';

export default async function RegisterPage() {
  const session = await getSession();
  if (session) redirect(homeOf(session.user));
  const t = await getTranslations('auth');
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <Brand href="/sign-in" />
        <h1>{t('register.title')}</h1>
        <p className="hint">{t('register.intro')}</p>
        <RegisterForm />
        <p className="auth-foot">{t.rich('register.signIn', { link: (chunks) => <a href="/sign-in">{chunks}</a> })}</p>
        <LanguagePicker />
      </div>
    </div>
  );
}
