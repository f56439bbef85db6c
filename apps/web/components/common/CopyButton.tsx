'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { copyWhenReady } from '@/lib/clipboard';

type CopyState = 'idle' | 'copied' | 'manual';

/** What a copy button says, already in the reader's language. */
export interface CopyWords {
  /** The button's visible words ("Copy link"). */
  button: string;
  /** Its spoken name, beginning with the visible words ("Copy link for Sam Lee"). */
  label: string;
  /** Said in the live region once copied ("Link copied"). */
  copied: string;
  /** The label of the field shown when the browser refuses the clipboard. */
  manual: string;
}

/**
 * Puts `value` on the clipboard, says so for a moment in a live region, and where the browser
 * refuses the clipboard shows the value selected in a field, to copy by hand.
 */
export function CopyButton({
  value,
  words,
  testId,
  fieldTestId,
}: {
  value: string;
  words: CopyWords;
  testId: string;
  fieldTestId?: string;
}) {
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
    setState((await copyWhenReady(Promise.resolve(value))) ? 'copied' : 'manual');
  }

  return (
    <>
      <span className="copy-link">
        <button
          type="button"
          className="btn btn-secondary btn-small"
          onClick={() => void copy()}
          aria-label={words.label}
          data-testid={testId}
        >
          {words.button}
        </button>
        <span className="share-status" role="status" aria-live="polite" data-testid={`${testId}-status`}>
          {state === 'copied' ? words.copied : ''}
        </span>
      </span>
      {state === 'manual' && (
        <div className="field copy-manual">
          <label htmlFor={fieldId}>{words.manual}</label>
          <input id={fieldId} ref={fieldRef} readOnly value={value} onFocus={(e) => e.currentTarget.select()} data-testid={fieldTestId} />
        </div>
      )}
    </>
  );
}
