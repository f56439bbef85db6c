import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Brand } from '@/components/common/Brand';
import { SignInForm } from '@/components/auth/SignInForm';
import { checkApiToken, getApiToken, getSession, homeOf, sessionEndedPath } from '@/lib/auth';
import { safeCallbackPath } from '@/lib/safe-callback';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

const SIGNED_OUT_SENTENCE = 'You were signed out (on this or another device). Please sign in again.';

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // Only a path on this site is followed after sign-in; anything else goes to the user's home ("/").
  const callbackUrl = safeCallbackPath(params.callbackUrl, '/');
  const session = await getSession();
  if (session) {
    // A session the API has revoked (signed out on another device) must not bounce back to
    // its pages, which would send it here again: it ends once, and the form is shown.
    const token = await getApiToken();
    if (!token || (await checkApiToken(token)) === 'revoked') redirect(sessionEndedPath(callbackUrl));
    redirect(callbackUrl === '/' ? homeOf(session.user) : callbackUrl);
  }
  const registered = params.registered === '1';
  const signedOut = params.signedOut === '1';
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <Brand href="/sign-in" />
        <h1>Sign in</h1>
        <p className="hint">Video visits with your care team.</p>
        {registered && <div className="alert alert-ok">Your account is ready. Please sign in.</div>}
        {signedOut && (
          <div className="alert alert-info" role="status" data-testid="signed-out-notice">
            {SIGNED_OUT_SENTENCE}
          </div>
        )}
        <SignInForm callbackUrl={callbackUrl} />
        <p className="auth-foot">
          Have a visit code?{' '}
          <a href="/join" data-testid="sign-in-visit-code">
            Enter it here
          </a>
        </p>
        <p className="auth-foot">
          New patient? <a href="/register">Create an account</a>
        </p>
      </div>
    </div>
  );
}
