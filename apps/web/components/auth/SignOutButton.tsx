'use client';

import { useTranslations } from 'next-intl';
import { signingOut } from '@/lib/api-client';
import { clearQueryCache } from '@/lib/tab-query-cache';

// next-auth's browser client is fetched when it is needed, not sent with every signed-in page:
// when the pointer or the focus comes to the button, so it is usually there by the click.
const nextAuthClient = () => import('next-auth/react');

export function SignOutButton() {
  const t = useTranslations('auth');
  return (
    <button
      type="button"
      className="btn btn-secondary btn-small"
      data-testid="sign-out"
      onPointerEnter={() => void nextAuthClient()}
      onFocus={() => void nextAuthClient()}
      onClick={() => {
        // One navigation only: the refusals that follow the revocation do not redirect as well.
        signingOut();
        // Nothing of this person's stays in the tab's cache for whoever signs in next.
        clearQueryCache();
        void nextAuthClient().then(({ signOut }) => signOut({ callbackUrl: '/sign-in' }));
      }}
    >
      {t('signOut.button')}
    </button>
  );
}
