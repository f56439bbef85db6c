'use client';

import { useQueryClient } from '@tanstack/react-query';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { signingOut } from '@/lib/api-client';

export function SignOutButton() {
  const t = useTranslations('auth');
  const client = useQueryClient();
  return (
    <button
      type="button"
      className="btn btn-secondary btn-small"
      data-testid="sign-out"
      onClick={() => {
        // One navigation only: the refusals that follow the revocation do not redirect as well.
        signingOut();
        // Nothing of this person's stays in the tab's cache for whoever signs in next.
        client.clear();
        void signOut({ callbackUrl: '/sign-in' });
      }}
    >
      {t('signOut.button')}
    </button>
  );
}
