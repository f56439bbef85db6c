import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Brand } from '@/components/common/Brand';
import { VisitorLanguagePicker } from '@/components/common/VisitorLanguagePicker';
import { SetPasswordForm } from '@/components/auth/SetPasswordForm';

// The link's token is in the address: no other site learns it through the Referer header.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth');
  return { title: t('setPassword.metaTitle'), referrer: 'no-referrer' };
}
export const dynamic = 'force-dynamic';

/** Where a staff invitation or a forgotten-password email leads: choose a password with the link's token. */
export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const token = typeof params.token === 'string' ? params.token : '';
  const t = await getTranslations('auth');
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <Brand href="/sign-in" />
        <h1>{t('setPassword.title')}</h1>
        <p className="hint">{t('setPassword.intro')}</p>
        <SetPasswordForm token={token} />
        <p className="auth-foot">{t.rich('setPassword.signIn', { link: (chunks) => <a href="/sign-in">{chunks}</a> })}</p>
        <VisitorLanguagePicker />
      </div>
    </div>
  );
}
