import type { Metadata } from 'next';
import { Brand } from '@/components/common/Brand';
import { VisitLinkOpener } from '@/components/visit-link/VisitLinkOpener';
import { passwordSessionHolder } from '@/lib/auth';

// The link's token is in the address: no Referer names it (proxy.ts also sends the header), and no search engine keeps it.
export const metadata: Metadata = { title: 'Your visit', referrer: 'no-referrer', robots: { index: false, follow: false } };
export const dynamic = 'force-dynamic';

/** Where the clinic's visit link leads: no password, the patient is signed in for that visit and lands on its device check. */
export default async function VisitLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, signedInAs] = await Promise.all([params, passwordSessionHolder()]);
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <Brand href="/sign-in" />
        <VisitLinkOpener token={token} signedInAs={signedInAs} />
        <noscript>
          <p className="alert alert-warn">
            This page needs JavaScript to open your visit. Please turn JavaScript on and open the link again.
          </p>
        </noscript>
      </div>
    </div>
  );
}
