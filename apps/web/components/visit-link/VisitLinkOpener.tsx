'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import type { Role } from '@telehealth/contracts';
import { useVisitLinkSignIn } from '@/hooks/useVisitLinkSignIn';
import { VisitLinkProblemPanel } from '@/components/visit-link/VisitLinkProblemPanel';

interface Props {
  token: string;
  /** Someone signed in here with a password: asked first, since opening the link signs them out. */
  signedInAs: { name: string; role: Role } | null;
}

/**
 * `/j/<token>`: signs the browser in for the link's visit and goes on to its device check. A
 * browser that holds a password session asks first: the link may be meant for someone else
 * (a doctor trying the link, a shared family computer), and going on signs that person out here.
 */
export function VisitLinkOpener({ token, signedInAs }: Props) {
  const t = useTranslations('visitLink');
  const signIn = useVisitLinkSignIn();
  const { open, status } = signIn;
  const [confirmed, setConfirmed] = useState(signedInAs === null);
  const started = useRef(false);

  useEffect(() => {
    // Once per page (React's strict mode runs effects twice in development).
    if (!confirmed || started.current) return;
    started.current = true;
    void open({ token }, signedInAs !== null);
  }, [confirmed, open, token, signedInAs]);

  if (!confirmed && signedInAs) {
    return (
      <div data-testid="visit-link-ask">
        <h1>{t('opener.askTitle')}</h1>
        <p>
          {t.rich('opener.askBody', {
            name: signedInAs.name,
            role: signedInAs.role,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
        <div className="actions">
          <button type="button" className="btn btn-primary" onClick={() => setConfirmed(true)} data-testid="visit-link-continue">
            {t('opener.continue')}
          </button>
          <a className="btn btn-secondary" href="/" data-testid="visit-link-stay">
            {t('opener.stay', { name: signedInAs.name })}
          </a>
        </div>
      </div>
    );
  }
  if (signIn.status === 'failed') {
    return <VisitLinkProblemPanel problem={signIn.problem} onRetry={() => void open({ token })} />;
  }
  return (
    <div data-testid="visit-link-opening" aria-busy="true">
      <h1>{t('opener.opening')}</h1>
      <p role="status">{status === 'opened' ? t('opener.signedIn') : t('opener.checking')}</p>
    </div>
  );
}
