import type { Metadata } from 'next';
import { Brand } from '@/components/common/Brand';
import { VisitCodeForm } from '@/components/visit-link/VisitCodeForm';
import { passwordSessionHolder } from '@/lib/auth';

export const metadata: Metadata = { title: 'Enter your visit code', robots: { index: false, follow: false } };
export const dynamic = 'force-dynamic';

/** The visit code from the clinic's message, typed: the same visit-only sign-in as the link, without a password. */
export default async function JoinPage() {
  const signedInAs = await passwordSessionHolder();
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <Brand href="/sign-in" />
        <h1 id="join-title">Join your visit</h1>
        <p className="hint">Type the visit code from the clinic’s message. No password needed.</p>
        <VisitCodeForm signedInAs={signedInAs} />
        <p className="auth-foot">
          Have an account with a password? <a href="/sign-in">Sign in</a>
        </p>
      </div>
    </div>
  );
}
