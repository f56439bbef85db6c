'use client';

import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { MAX_NOTES_LENGTH, type NotesResponse } from '@telehealth/contracts';
import { useNotes } from '@/hooks/useNotes';
import { formatDateTime } from '@/lib/time';
import { NoteVersions } from './NoteVersions';

interface Props {
  sessionId: string;
  /** Notes can be written only once the visit has ended. */
  ended: boolean;
  timeZone: string;
}

type Feedback = { kind: 'saved' | 'loaded'; version: number; at: string | null; author: string | null } | null;

/**
 * The doctor's private notes. Each save names the version it started from; when someone saved
 * in between (409), the person's text stays in the editor and the newer version is shown
 * beside it to merge from.
 */
export function NotesEditor({ sessionId, ended, timeZone }: Props) {
  const id = useId();
  const notes = useNotes(sessionId, true);
  const [text, setText] = useState('');
  const [base, setBase] = useState<NotesResponse | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [theirs, setTheirs] = useState<NotesResponse | null>(null);
  const [busy, setBusy] = useState(false);

  // The first answer fills the editor; later reloads never overwrite what the doctor typed.
  useEffect(() => {
    if (!notes.notes || base) return;
    setBase(notes.notes);
    setText(notes.notes.body);
    setFeedback({ kind: 'loaded', version: notes.notes.version, at: notes.notes.updatedAt, author: notes.notes.authorName });
  }, [notes.notes, base]);

  const dirty = base !== null && text !== base.body;

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (!base || busy || !ended) return;
    setBusy(true);
    setError(null);
    const result = await notes.save(text, base.version);
    setBusy(false);
    if (result.ok) {
      setBase(result.notes);
      setText(result.notes.body);
      setConflict(null);
      setTheirs(null);
      setFeedback({ kind: 'saved', version: result.notes.version, at: result.notes.updatedAt, author: result.notes.authorName });
    } else if (result.conflict) {
      setConflict(result.error);
    } else {
      setError(result.error);
    }
  }

  async function reloadLatest() {
    setBusy(true);
    const latest = await notes.reload();
    setBusy(false);
    if (!latest) return;
    // The next save builds on the latest version; the doctor's own text stays where it is.
    setBase(latest);
    setTheirs(latest.body === text ? null : latest);
    setConflict(null);
    setFeedback({ kind: 'loaded', version: latest.version, at: latest.updatedAt, author: latest.authorName });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void save();
    }
  }

  const previous = notes.notes?.history.filter((v) => v.version !== base?.version) ?? [];

  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="notes-editor">
      <div className="card-head">
        <h2 id={`${id}-title`}>Your notes</h2>
        <span className="hint">Private: the patient never sees them</span>
      </div>
      {!ended && (
        <div className="alert alert-info" data-testid="notes-not-ended">
          Notes can be written once the visit has ended.
        </div>
      )}
      {notes.loading && <p className="empty">Loading your notes…</p>}
      {(notes.error || error) && (
        <div className="alert alert-error" role="alert" data-testid="notes-error">
          {error ?? notes.error}
        </div>
      )}
      {conflict && (
        <div className="alert alert-warn" role="alert" data-testid="notes-conflict">
          <p>{conflict}</p>
          <p className="hint" style={{ color: 'inherit' }}>
            Your text is kept in the editor.
          </p>
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => void reloadLatest()}
            disabled={busy}
            data-testid="notes-reload"
          >
            Reload latest
          </button>
        </div>
      )}
      {theirs && (
        <div className="merge-panel" data-testid="notes-latest">
          <p className="label">
            Latest saved version {theirs.version}
            {theirs.authorName ? ` by ${theirs.authorName}` : ''}
            {theirs.updatedAt ? `, ${formatDateTime(theirs.updatedAt, timeZone)}` : ''}
          </p>
          <div className="note-body" data-testid="notes-latest-body">
            {theirs.body || <em>(empty)</em>}
          </div>
          <p className="hint">Merge what you need into your text, then save: it becomes version {theirs.version + 1}.</p>
          <div className="actions">
            <button
              type="button"
              className="btn btn-secondary btn-small"
              onClick={() => {
                setText(theirs.body);
                setTheirs(null);
              }}
              data-testid="notes-use-latest"
            >
              Discard my text, use this version
            </button>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setTheirs(null)}>
              Hide
            </button>
          </div>
        </div>
      )}
      <form onSubmit={(e) => void save(e)}>
        <div className="field">
          <label htmlFor={`${id}-body`}>Notes on this visit</label>
          <textarea
            id={`${id}-body`}
            className="notes-textarea"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
            maxLength={MAX_NOTES_LENGTH}
            rows={10}
            disabled={!ended || !base}
            placeholder={ended ? 'Findings, advice given, follow-up…' : undefined}
            aria-describedby={`${id}-status`}
            data-testid="notes-input"
          />
        </div>
        <div className="notes-bar">
          <button type="submit" className="btn btn-primary" disabled={!ended || !base || !dirty || busy} data-testid="notes-save">
            {busy ? 'Saving…' : 'Save notes'}
          </button>
          <span
            id={`${id}-status`}
            className="hint notes-status"
            aria-live="polite"
            data-testid="notes-status"
            data-version={base?.version ?? 0}
          >
            {dirty ? (
              <strong className="unsaved">Unsaved changes</strong>
            ) : feedback && feedback.version > 0 ? (
              `${feedback.kind === 'saved' ? 'Saved · ' : ''}version ${feedback.version}${feedback.at ? ` · last edited ${formatDateTime(feedback.at, timeZone)}` : ''}${
                feedback.kind === 'loaded' && feedback.author ? ` by ${feedback.author}` : ''
              }`
            ) : ended && base ? (
              'No notes yet.'
            ) : null}
          </span>
        </div>
      </form>
      <NoteVersions versions={previous} timeZone={timeZone} />
    </section>
  );
}
