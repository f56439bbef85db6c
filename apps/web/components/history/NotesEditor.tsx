'use client';

import { useId, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslations } from 'next-intl';
import { MAX_NOTES_LENGTH } from '@telehealth/contracts';
import { useNotesDraft } from '@/hooks/useNotesDraft';
import { NotesConflict } from '@/components/history/NotesConflict';
import { NotesLatest } from '@/components/history/NotesLatest';
import { NotesStatus } from '@/components/history/NotesStatus';
import { NoteVersions } from '@/components/history/NoteVersions';
import { historyError } from '@/components/history/errors';

interface Props {
  sessionId: string;
  /** Notes can be written only once the visit has ended. */
  ended: boolean;
  timeZone: string;
}

/**
 * The doctor's private notes. Each save names the version it started from; when someone saved
 * in between, the person's text stays in the editor and the newer version is shown beside it
 * to merge from.
 */
export function NotesEditor({ sessionId, ended, timeZone }: Props) {
  const t = useTranslations('history');
  const common = useTranslations('common');
  const id = useId();
  const draft = useNotesDraft(sessionId, ended);
  const { base, dirty, busy } = draft;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void draft.save();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void draft.save();
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="notes-editor">
      <div className="card-head">
        <h2 id={`${id}-title`}>{t('notes.title')}</h2>
        <span className="hint">{t('notes.private')}</span>
      </div>
      {!ended && (
        <div className="alert alert-info" data-testid="notes-not-ended">
          {t('notes.notEnded')}
        </div>
      )}
      {draft.loading && <p className="empty">{t('notes.loading')}</p>}
      {draft.error && (
        <div className="alert alert-error" role="alert" data-testid="notes-error">
          {historyError(draft.error, t, common)}
        </div>
      )}
      {draft.conflict && (
        <NotesConflict sentence={historyError(draft.conflict, t, common)} busy={busy} onReload={() => void draft.reloadLatest()} />
      )}
      {draft.theirs && <NotesLatest theirs={draft.theirs} timeZone={timeZone} onUse={draft.takeTheirs} onHide={draft.hideTheirs} />}
      <form onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={`${id}-body`}>{t('notes.label')}</label>
          <textarea
            id={`${id}-body`}
            className="notes-textarea"
            value={draft.text}
            onChange={(e) => draft.setText(e.target.value)}
            onKeyDown={onKeyDown}
            maxLength={MAX_NOTES_LENGTH}
            rows={10}
            disabled={!ended || !base}
            placeholder={ended ? t('notes.placeholder') : undefined}
            aria-describedby={`${id}-status`}
            data-testid="notes-input"
          />
        </div>
        <div className="notes-bar">
          <button type="submit" className="btn btn-primary" disabled={!ended || !base || !dirty || busy} data-testid="notes-save">
            {busy ? t('notes.saving') : t('notes.save')}
          </button>
          <NotesStatus
            id={`${id}-status`}
            dirty={dirty}
            feedback={draft.feedback}
            version={base?.version ?? 0}
            ready={ended && base !== null}
            timeZone={timeZone}
          />
        </div>
      </form>
      <NoteVersions versions={draft.previous} timeZone={timeZone} />
    </section>
  );
}
