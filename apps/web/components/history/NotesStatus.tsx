'use client';

import { useTranslations } from 'next-intl';
import type { NotesFeedback } from '@/hooks/useNotesDraft';
import type { Translator } from '@/i18n/translator';
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

/** "Saved · version 3 · last edited …" after a save; "version 3 · last edited … by Dr. Ana Ruiz" after a load. */
function feedbackText(feedback: NonNullable<NotesFeedback>, timeZone: string, t: Translator<'history'>): string {
  const version = feedback.version;
  const when = feedback.at ? formatDateTime(feedback.at, timeZone) : null;
  if (feedback.kind === 'saved') return when ? t('status.savedAt', { version, when }) : t('status.saved', { version });
  const author = feedback.author;
  if (when && author) return t('status.loadedAtBy', { version, when, author });
  if (when) return t('status.loadedAt', { version, when });
  if (author) return t('status.loadedBy', { version, author });
  return t('status.loaded', { version });
}

/** Unsaved changes, or which version is saved and when. */
export function NotesStatus({ id, dirty, feedback, version, ready, timeZone }: Props) {
  const t = useTranslations('history');
  return (
    <span id={id} className="hint notes-status" aria-live="polite" data-testid="notes-status" data-version={version}>
      {dirty ? (
        <strong className="unsaved">{t('status.unsaved')}</strong>
      ) : feedback && feedback.version > 0 ? (
        feedbackText(feedback, timeZone, t)
      ) : ready ? (
        t('status.none')
      ) : null}
    </span>
  );
}
