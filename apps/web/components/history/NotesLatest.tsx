'use client';

import { useTranslations } from 'next-intl';
import type { NotesResponse } from '@telehealth/contracts';
import { formatDateTime } from '@/lib/time';

interface Props {
  theirs: NotesResponse;
  timeZone: string;
  onUse: () => void;
  onHide: () => void;
}

/** The latest saved version beside the doctor's own text, to merge from. */
export function NotesLatest({ theirs, timeZone, onUse, onHide }: Props) {
  const t = useTranslations('history');
  const version = theirs.version;
  const author = theirs.authorName;
  const when = theirs.updatedAt ? formatDateTime(theirs.updatedAt, timeZone) : null;
  const label =
    author && when
      ? t('latest.labelByAt', { version, author, when })
      : author
        ? t('latest.labelBy', { version, author })
        : when
          ? t('latest.labelAt', { version, when })
          : t('latest.label', { version });
  return (
    <div className="merge-panel" data-testid="notes-latest">
      <p className="label">{label}</p>
      <div className="note-body" data-testid="notes-latest-body">
        {theirs.body || <em>{t('versions.empty')}</em>}
      </div>
      <p className="hint">{t('latest.merge', { next: theirs.version + 1 })}</p>
      <div className="actions">
        <button type="button" className="btn btn-secondary btn-small" onClick={onUse} data-testid="notes-use-latest">
          {t('latest.useThis')}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onHide}>
          {t('latest.hide')}
        </button>
      </div>
    </div>
  );
}
