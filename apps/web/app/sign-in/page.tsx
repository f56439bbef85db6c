import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Brand } from '@/components/Brand';
import { SignInForm } from '@/components/SignInForm';
import { getSession, homeFor } from '@/lib/auth';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

/** Only same-site paths are followed after sign-in. */
function safeCallback(value: string | string[] | undefined): string | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return null;
  try {
    const url = new URL(raw, 'http://local');
    if (url.origin !== 'http://local' && !raw.startsWith(process.env.NEXTAUTH_URL ?? '\u0000')) return null;
    return `${url.pathname}${url.search}`;
  } catch {
    return null;
  }
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  const session = await getSession();
  if (session) redirect(callbackUrl ?? homeFor(session.user.role));
  const registered = params.registered === '1';
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <Brand href="/sign-in" />
        <h1>Sign in</h1>
        <p className="hint">Video visits with your care team.</p>
        {registered && <div className="alert alert-ok">Your account is ready. Please sign in.</div>}
        <SignInForm callbackUrl={callbackUrl ?? '/'} />
        <p className="auth-foot">
          New patient? <a href="/register">Create an account</a>
        </p>
      </div>
    </div>
  );
}
