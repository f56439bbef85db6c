'use client';

import { useTranslations } from 'next-intl';

/** Someone saved a newer version first: the doctor's text stays, and the latest can be loaded beside it. */
export function NotesConflict({ sentence, busy, onReload }: { sentence: string; busy: boolean; onReload: () => void }) {
  const t = useTranslations('history');
  return (
    <div className="alert alert-warn" role="alert" data-testid="notes-conflict">
      <p>{sentence}</p>
      <p className="hint" style={{ color: 'inherit' }}>
        {t('conflict.kept')}
      </p>
      <button type="button" className="btn btn-secondary btn-small" onClick={onReload} disabled={busy} data-testid="notes-reload">
        {t('conflict.reload')}
      </button>
    </div>
  );
}
