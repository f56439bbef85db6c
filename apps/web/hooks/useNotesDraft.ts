'use client';

import { useEffect, useState } from 'react';
import type { NotesResponse } from '@telehealth/contracts';
import { useNotes } from './useNotes';

/** The line under the editor: which version is shown, and whether it was just saved or loaded. */
export type NotesFeedback = { kind: 'saved' | 'loaded'; version: number; at: string | null; author: string | null } | null;

function feedbackOf(kind: 'saved' | 'loaded', notes: NotesResponse): NotesFeedback {
  return { kind, version: notes.version, at: notes.updatedAt, author: notes.authorName };
}

/** Asks before the page goes away with unsaved text. */
function useWarnBeforeLeaving(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}

type Notes = ReturnType<typeof useNotes>;

/** The editor's text and the version it builds on; the first answer fills it, later ones never overwrite it. */
function useDraftText(notes: Notes) {
  const [text, setText] = useState('');
  const [base, setBase] = useState<NotesResponse | null>(null);
  const [feedback, setFeedback] = useState<NotesFeedback>(null);
  useEffect(() => {
    if (!notes.notes || base) return;
    setBase(notes.notes);
    setText(notes.notes.body);
    setFeedback(feedbackOf('loaded', notes.notes));
  }, [notes.notes, base]);
  const dirty = base !== null && text !== base.body;
  useWarnBeforeLeaving(dirty);
  return { text, setText, base, setBase, feedback, setFeedback, dirty };
}

/**
 * The doctor's draft of a visit's notes. Each save names the version it started from; when
 * someone saved in between, the doctor's text stays in the editor (`conflict`), and after
 * "Reload latest" the newer version is offered beside it to merge from (`theirs`).
 */
export function useNotesDraft(sessionId: string, ended: boolean) {
  const notes = useNotes(sessionId);
  const { setBase, setFeedback, ...draft } = useDraftText(notes);
  const { text, setText, base } = draft;
  // Refusals as errors: the page words them in its language (components/history/errors).
  const [conflict, setConflict] = useState<Error | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [theirs, setTheirs] = useState<NotesResponse | null>(null);
  const [busy, setBusy] = useState(false);

  async function save() {
    if (!base || busy || !ended) return;
    setBusy(true);
    setError(null);
    const result = await notes.save(text, base.version);
    setBusy(false);
    if (!result.ok) return result.conflict ? setConflict(result.error) : setError(result.error);
    setBase(result.notes);
    setText(result.notes.body);
    setConflict(null);
    setTheirs(null);
    setFeedback(feedbackOf('saved', result.notes));
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
    setFeedback(feedbackOf('loaded', latest));
  }

  function takeTheirs() {
    if (!theirs) return;
    setText(theirs.body);
    setTheirs(null);
  }

  return {
    ...draft,
    busy,
    conflict,
    theirs,
    hideTheirs: () => setTheirs(null),
    takeTheirs,
    loading: notes.loading,
    error: error ?? notes.error,
    /** Earlier versions than the one the editor builds on, newest first. */
    previous: notes.notes?.history.filter((v) => v.version !== base?.version) ?? [],
    save,
    reloadLatest,
  };
}
