'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { copyWhenReady } from '@/lib/clipboard';

type CopyState = 'idle' | 'copied' | 'manual';

/**
 * "Copy link": puts a guest's link on the clipboard, says so for a moment, and where the browser
 * refuses the clipboard shows the link selected in a field, to copy by hand.
 */
export function CopyLinkButton({ link, name, testId = 'copy-guest-link' }: { link: string; name: string; testId?: string }) {
  const t = useTranslations('guests');
  const [state, setState] = useState<CopyState>('idle');
  const fieldId = useId();
  const fieldRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state === 'manual') fieldRef.current?.select();
    if (state !== 'copied') return;
    const timer = window.setTimeout(() => setState('idle'), 5000);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    setState((await copyWhenReady(Promise.resolve(link))) ? 'copied' : 'manual');
  }

  return (
    <>
      <span className="copy-link">
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={() => void copy()}
          aria-label={t('copy.label', { name })}
          data-testid={testId}
        >
          {t('copy.button')}
        </button>
        <span className="share-status" role="status" aria-live="polite">
          {state === 'copied' ? t('copy.copied') : ''}
        </span>
      </span>
      {state === 'manual' && (
        <div className="field copy-manual">
          <label htmlFor={fieldId}>{t('copy.manual', { name })}</label>
          <input
            id={fieldId}
            ref={fieldRef}
            readOnly
            value={link}
            onFocus={(e) => e.currentTarget.select()}
            data-testid="guest-link-text"
          />
        </div>
      )}
    </>
  );
}
