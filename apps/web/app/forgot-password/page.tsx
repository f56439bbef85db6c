import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Brand } from '@/components/common/Brand';
import { VisitorLanguagePicker } from '@/components/common/VisitorLanguagePicker';
import { ForgotPasswordForm } from '@/components/auth/ForgotPasswordForm';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth');
  return { title: t('forgotPassword.metaTitle') };
}
export const dynamic = 'force-dynamic';

export default async function ForgotPasswordPage() {
  const t = await getTranslations('auth');
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <Brand href="/sign-in" />
        <h1>{t('forgotPassword.title')}</h1>
        <p className="hint">{t('forgotPassword.intro')}</p>
        <ForgotPasswordForm />
        <p className="auth-foot">{t.rich('forgotPassword.signIn', { link: (chunks) => <a href="/sign-in">{chunks}</a> })}</p>
        <VisitorLanguagePicker />
      </div>
    </div>
  );
}
