'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { AuditLogEntry } from '@telehealth/contracts';
import { useAuditLog } from '@/hooks/useAdmin';
import { auditSentence, sentencePieces } from '@/lib/audit-sentences';
import { formatDateTime } from '@/lib/time';
import { Pagination } from '@/components/common/Pagination';
import { useSignedIn } from '@/components/auth/SignedInContext';

const PAGE_SIZE = 20;

/** One entry as a sentence with names; the visit it names links to the admin's page of that visit. */
function AuditSentenceText({ entry, timeZone }: { entry: AuditLogEntry; timeZone: string }) {
  return (
    <>
      {sentencePieces(auditSentence(entry, timeZone)).map((piece) =>
        piece.href ? (
          <Link key={piece.key} href={piece.href} data-testid="audit-entry-link">
            {piece.text}
          </Link>
        ) : (
          <span key={piece.key}>{piece.text}</span>
        ),
      )}
    </>
  );
}

/** Who read or changed which protected record, newest first, each entry in words. */
export function AuditLog() {
  const zone = useSignedIn().user.timeZone;
  const [page, setPage] = useState(1);
  const { data, error } = useAuditLog(page, PAGE_SIZE);
  const pageCount = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <section className="card" aria-labelledby="audit-title" data-testid="audit-log">
      <div className="card-head">
        <h2 id="audit-title">Audit log</h2>
        {data && <span className="hint">{data.total} entries</span>}
      </div>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      {data && data.items.length === 0 && <p className="empty">Nothing has been recorded yet.</p>}
      {data && data.items.length > 0 && (
        <ul className="list">
          {data.items.map((entry) => (
            <li key={entry.id} className="list-item" data-testid="audit-entry" data-action={entry.action}>
              <div className="item-main">
                <div className="item-title" data-testid="audit-entry-text">
                  <AuditSentenceText entry={entry} timeZone={zone} />
                </div>
                <div className="item-sub">
                  <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, zone)}</time>
                  {entry.ip ? ` · from ${entry.ip}` : ''}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      {data && pageCount > 1 && <Pagination page={page} pageCount={pageCount} onPage={setPage} label="Audit log pages" />}
    </section>
  );
}
