'use client';

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
  return (
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
        <button type="button" className="btn btn-secondary btn-small" onClick={onUse} data-testid="notes-use-latest">
          Discard my text, use this version
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onHide}>
          Hide
        </button>
      </div>
    </div>
  );
}
