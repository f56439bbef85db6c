import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Brand } from '@/components/common/Brand';
import { VisitorLanguagePicker } from '@/components/common/VisitorLanguagePicker';
import { VisitCodeForm } from '@/components/visit-link/VisitCodeForm';
import { passwordSessionHolder } from '@/lib/auth';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('visitLink');
  return { title: t('join.metaTitle'), robots: { index: false, follow: false } };
}
export const dynamic = 'force-dynamic';

/** The visit code from the clinic's message, typed: the same visit-only sign-in as the link, without a password. */
export default async function JoinPage() {
  const [signedInAs, t] = await Promise.all([passwordSessionHolder(), getTranslations('visitLink')]);
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <Brand href="/sign-in" />
        <h1 id="join-title">{t('join.title')}</h1>
        <p className="hint">{t('join.intro')}</p>
        <VisitCodeForm signedInAs={signedInAs} />
        <p className="auth-foot">{t.rich('join.signIn', { link: (chunks) => <a href="/sign-in">{chunks}</a> })}</p>
        <VisitorLanguagePicker />
      </div>
    </div>
  );
}
