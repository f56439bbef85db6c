'use client';

import { useEffect, useRef } from 'react';
import { useTranslations } from 'next-intl';
import { CALL_SHORTCUTS } from '@/lib/call-shortcuts';

/** The call's keyboard shortcuts, listed; Escape or Close shuts it and focus goes back to its button. */
export function ShortcutsHelp({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useTranslations('call');
  const closeButton = useRef<HTMLButtonElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);
  useEffect(() => {
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <section className="card call-popover shortcuts-help" id={id} aria-labelledby={`${id}-title`} data-testid="shortcuts-help-panel">
      <div className="call-popover-head">
        <h2 id={`${id}-title`}>{t('shortcuts.title')}</h2>
        <button ref={closeButton} type="button" className="btn btn-ghost btn-small" onClick={onClose}>
          {t('shortcuts.close')}
        </button>
      </div>
      <dl className="shortcut-list">
        {CALL_SHORTCUTS.map((entry) => (
          <div key={entry.key} className="shortcut" data-testid="shortcut">
            {/* Spaces between key and text: read (and matched) as "M Mute or unmute…", not "MMute". The key is the physical key in every language. */}
            <dt>
              {' '}
              <kbd>{entry.key}</kbd>{' '}
            </dt>
            <dd>{t(`shortcuts.${entry.description}`)}. </dd>
          </div>
        ))}
      </dl>
      <p className="hint">{t('shortcuts.hint')}</p>
    </section>
  );
}
