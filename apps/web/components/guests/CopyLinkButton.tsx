'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { copyWhenReady } from '@/lib/clipboard';

type CopyState = 'idle' | 'copied' | 'manual';

/**
 * "Copy link": puts a guest's link on the clipboard, says so for a moment, and where the browser
 * refuses the clipboard shows the link selected in a field, to copy by hand.
 */
export function CopyLinkButton({ link, name, testId = 'copy-guest-link' }: { link: string; name: string; testId?: string }) {
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
          aria-label={`Copy the link for ${name}`}
          data-testid={testId}
        >
          Copy link
        </button>
        <span className="share-status" role="status" aria-live="polite">
          {state === 'copied' ? 'Link copied' : ''}
        </span>
      </span>
      {state === 'manual' && (
        <div className="field copy-manual">
          <label htmlFor={fieldId}>The clipboard is not available here: copy this link and send it to {name}.</label>
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
