'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import type { AuditLogEntry } from '@telehealth/contracts';
import { useAuditLog } from '@/hooks/useAdmin';
import type { Translator } from '@/i18n/translator';
import { refusalText } from '@/lib/api-client';
import { auditSentence, sentencePieces } from '@/lib/audit-sentences';
import { formatDateTime } from '@/lib/time';
import { AppLink } from '@/components/common/AppLink';
import { Pagination } from '@/components/common/Pagination';
import { useSignedIn } from '@/components/auth/SignedInContext';

const PAGE_SIZE = 20;

/** One entry as a sentence with names; the visit it names links to the admin's page of that visit. */
function AuditSentenceText({ entry, timeZone, t }: { entry: AuditLogEntry; timeZone: string; t: Translator<'admin'> }) {
  return (
    <>
      {sentencePieces(auditSentence(entry, timeZone, t)).map((piece) =>
        piece.href ? (
          <AppLink key={piece.key} href={piece.href} data-testid="audit-entry-link">
            {piece.text}
          </AppLink>
        ) : (
          <span key={piece.key}>{piece.text}</span>
        ),
      )}
    </>
  );
}

/** Who read or changed which protected record, newest first, each entry in words. */
export function AuditLog() {
  const t = useTranslations('admin');
  const common = useTranslations('common');
  const zone = useSignedIn().user.timeZone;
  const [page, setPage] = useState(1);
  const { data, error } = useAuditLog(page, PAGE_SIZE);
  const pageCount = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <section className="card" aria-labelledby="audit-title" data-testid="audit-log">
      <div className="card-head">
        <h2 id="audit-title">{t('audit.title')}</h2>
        {data && <span className="hint">{t('audit.count', { count: data.total })}</span>}
      </div>
      {error && (
        <div className="alert alert-error" role="alert">
          {refusalText(error, common)}
        </div>
      )}
      {data && data.items.length === 0 && <p className="empty">{t('audit.empty')}</p>}
      {data && data.items.length > 0 && (
        <ul className="list">
          {data.items.map((entry) => (
            <li key={entry.id} className="list-item" data-testid="audit-entry" data-action={entry.action}>
              <div className="item-main">
                <div className="item-title" data-testid="audit-entry-text">
                  <AuditSentenceText entry={entry} timeZone={zone} t={t} />
                </div>
                <div className="item-sub">
                  {entry.ip ? (
                    t.rich('audit.fromAddress', {
                      when: formatDateTime(entry.occurredAt, zone),
                      ip: entry.ip,
                      time: (chunks) => <time dateTime={entry.occurredAt}>{chunks}</time>,
                    })
                  ) : (
                    <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, zone)}</time>
                  )}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      {data && pageCount > 1 && <Pagination page={page} pageCount={pageCount} onPage={setPage} label={t('audit.pages')} />}
    </section>
  );
}
