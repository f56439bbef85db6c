import type { NoteVersion } from '@telehealth/contracts';
import { formatDateTime } from '@/lib/time';

/** Earlier versions of the notes, newest first, each opened in place to read. */
export function NoteVersions({ versions, timeZone }: { versions: NoteVersion[]; timeZone: string }) {
  if (versions.length === 0) return null;
  return (
    <details className="versions" data-testid="notes-history">
      <summary data-testid="notes-history-toggle">Earlier versions ({versions.length})</summary>
      <ol className="versions-list">
        {versions.map((v) => (
          <li key={v.version} data-testid="notes-version" data-version={v.version}>
            <details>
              <summary>
                <strong>Version {v.version}</strong> · {v.authorName} · {formatDateTime(v.createdAt, timeZone)}
              </summary>
              <div className="note-body" data-testid="notes-version-body">
                {v.body || <em>(empty)</em>}
              </div>
            </details>
          </li>
        ))}
      </ol>
    </details>
  );
}
