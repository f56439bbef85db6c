import { useTranslations } from 'next-intl';
import type { NoteVersion } from '@telehealth/contracts';
import { formatDateTime } from '@/lib/time';

/** Earlier versions of the notes, newest first, each opened in place to read. */
export function NoteVersions({ versions, timeZone }: { versions: NoteVersion[]; timeZone: string }) {
  const t = useTranslations('history');
  if (versions.length === 0) return null;
  return (
    <details className="versions" data-testid="notes-history">
      <summary data-testid="notes-history-toggle">{t('versions.toggle', { count: versions.length })}</summary>
      <ol className="versions-list">
        {versions.map((v) => (
          <li key={v.version} data-testid="notes-version" data-version={v.version}>
            <details>
              <summary>
                {t.rich('versions.version', {
                  version: v.version,
                  author: v.authorName,
                  when: formatDateTime(v.createdAt, timeZone),
                  strong: (chunks) => <strong>{chunks}</strong>,
                })}
              </summary>
              <div className="note-body" data-testid="notes-version-body">
                {v.body || <em>{t('versions.empty')}</em>}
              </div>
            </details>
          </li>
        ))}
      </ol>
    </details>
  );
}
