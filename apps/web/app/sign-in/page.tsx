import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Brand } from '@/components/common/Brand';
import { LanguagePicker } from '@/components/common/LanguagePicker';
import { SignInForm } from '@/components/auth/SignInForm';
import { checkApiToken, getApiToken, getSession, homeOf, sessionEndedPath } from '@/lib/auth';
import { safeCallbackPath } from '@/lib/safe-callback';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth');
  return { title: t('signIn.metaTitle') };
}
export const dynamic = 'force-dynamic';

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
  const t = await getTranslations('auth');
  const registered = params.registered === '1';
  const signedOut = params.signedOut === '1';
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <Brand href="/sign-in" />
        <h1>{t('signIn.title')}</h1>
        <p className="hint">{t('signIn.tagline')}</p>
        {registered && <div className="alert alert-ok">{t('signIn.registered')}</div>}
        {signedOut && (
          <div className="alert alert-info" role="status" data-testid="signed-out-notice">
            {t('signIn.signedOut')}
          </div>
        )}
        <SignInForm callbackUrl={callbackUrl} />
        <p className="auth-foot">
          {t.rich('signIn.visitCode', {
            link: (chunks) => (
              <a href="/join" data-testid="sign-in-visit-code">
                {chunks}
              </a>
            ),
          })}
        </p>
        <p className="auth-foot">{t.rich('signIn.register', { link: (chunks) => <a href="/register">{chunks}</a> })}</p>
        <LanguagePicker />
      </div>
    </div>
  );
}
