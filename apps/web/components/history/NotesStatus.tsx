'use client';

import type { NotesFeedback } from '@/hooks/useNotesDraft';
import { formatDateTime } from '@/lib/time';

interface Props {
  id: string;
  dirty: boolean;
  feedback: NotesFeedback;
  /** The version the editor builds on (0 before the first answer). */
  version: number;
  /** Whether an empty record should say so (the visit has ended and the notes have loaded). */
  ready: boolean;
  timeZone: string;
}

function feedbackText(feedback: NonNullable<NotesFeedback>, timeZone: string): string {
  const saved = feedback.kind === 'saved' ? 'Saved · ' : '';
  const at = feedback.at ? ` · last edited ${formatDateTime(feedback.at, timeZone)}` : '';
  const author = feedback.kind === 'loaded' && feedback.author ? ` by ${feedback.author}` : '';
  return `${saved}version ${feedback.version}${at}${author}`;
}

/** Unsaved changes, or which version is saved and when. */
export function NotesStatus({ id, dirty, feedback, version, ready, timeZone }: Props) {
  return (
    <span id={id} className="hint notes-status" aria-live="polite" data-testid="notes-status" data-version={version}>
      {dirty ? (
        <strong className="unsaved">Unsaved changes</strong>
      ) : feedback && feedback.version > 0 ? (
        feedbackText(feedback, timeZone)
      ) : ready ? (
        'No notes yet.'
      ) : null}
    </span>
  );
}
