import type { Metadata } from 'next';
import { Brand } from '@/components/common/Brand';
import { SetPasswordForm } from '@/components/auth/SetPasswordForm';

// The link's token is in the address: no other site learns it through the Referer header.
export const metadata: Metadata = { title: 'Set your password', referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

/** Where a staff invitation or a forgotten-password email leads: choose a password with the link's token. */
export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const token = typeof params.token === 'string' ? params.token : '';
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <Brand href="/sign-in" />
        <h1>Set your password</h1>
        <p className="hint">Choose the password you will sign in with. This link works once.</p>
        <SetPasswordForm token={token} />
        <p className="auth-foot">
          Already have a password? <a href="/sign-in">Sign in</a>
        </p>
      </div>
    </div>
  );
}
