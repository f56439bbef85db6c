import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Brand } from '@/components/common/Brand';
import { VisitLinkOpener } from '@/components/visit-link/VisitLinkOpener';
import { passwordSessionHolder } from '@/lib/auth';

// The link's token is in the address: no Referer names it (proxy.ts also sends the header), and no search engine keeps it.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('visitLink');
  return { title: t('link.metaTitle'), referrer: 'no-referrer', robots: { index: false, follow: false } };
}
export const dynamic = 'force-dynamic';

/** Where the clinic's visit link leads: no password, the patient is signed in for that visit and lands on its device check. */
export default async function VisitLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, signedInAs, t] = await Promise.all([params, passwordSessionHolder(), getTranslations('visitLink')]);
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <Brand href="/sign-in" />
        <VisitLinkOpener token={token} signedInAs={signedInAs} />
        <noscript>
          <p className="alert alert-warn">{t('link.noScript')}</p>
        </noscript>
      </div>
    </div>
  );
}
