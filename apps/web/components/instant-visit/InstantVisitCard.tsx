'use client';

import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslations } from 'next-intl';
import { useSignedIn } from '@/components/auth/SignedInContext';
import { InstantVisitForm } from '@/components/instant-visit/InstantVisitForm';
import { InstantVisitStarted, type StartedInstantVisit } from '@/components/instant-visit/InstantVisitStarted';

type View = { kind: 'closed' } | { kind: 'form' } | { kind: 'started'; started: StartedInstantVisit };

const FIRST_FIELD_ID = 'instant-first-field';

/**
 * "Start instant visit" on the doctor's dashboard: a visit that starts now, opened by one button into
 * a compact form; once started, its link and code to share and Join now take the form's place. The new
 * visit is on the upcoming list too (the lists are fetched again), where it can be shared again later.
 */
export function InstantVisitCard() {
  const t = useTranslations('schedule');
  const { timeZone } = useSignedIn().user;
  const [view, setView] = useState<View>({ kind: 'closed' });
  const openRef = useRef<HTMLButtonElement>(null);

  function open() {
    // Rendered at once, so the form's first choice can take focus.
    flushSync(() => setView({ kind: 'form' }));
    document.getElementById(FIRST_FIELD_ID)?.focus();
  }

  function close() {
    flushSync(() => setView({ kind: 'closed' }));
    openRef.current?.focus();
  }

  return (
    <section className="card instant-visit" aria-labelledby="instant-visit-title" data-testid="instant-visit">
      <div className="instant-visit-head">
        <div className="item-main">
          <h2 id="instant-visit-title">{t('instant.title')}</h2>
          <p className="hint">{t('instant.intro')}</p>
        </div>
        {view.kind === 'closed' && (
          <button type="button" ref={openRef} className="btn btn-primary" onClick={open} data-testid="instant-visit-open">
            {t('instant.open')}
          </button>
        )}
      </div>
      {view.kind === 'form' && (
        <InstantVisitForm firstFieldId={FIRST_FIELD_ID} onStarted={(started) => setView({ kind: 'started', started })} onCancel={close} />
      )}
      {view.kind === 'started' && <InstantVisitStarted started={view.started} timeZone={timeZone} onDone={close} />}
    </section>
  );
}
