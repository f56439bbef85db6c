'use client';

import { useState } from 'react';
import { useAuditLog } from '@/hooks/useAdmin';
import { formatDateTime } from '@/lib/time';
import { Pagination } from '@/components/common/Pagination';
import { useSignedIn } from '@/components/auth/SignedInContext';

const PAGE_SIZE = 20;

// What each audited action means, in the log's words; an action not listed shows as it is stored.
const ACTION_WORDS: Record<string, string> = {
  'appointment.create': 'booked a visit',
  'appointment.read': 'opened a visit',
  'appointment.reschedule': 'rescheduled a visit',
  'appointment.cancel': 'cancelled a visit',
  'appointment.no-show': 'marked a visit as missed',
  'session.join': 'entered a call',
  'session.end': 'ended a visit',
  'session.read': 'opened a visit record',
  'session.list': 'listed past visits',
  'notes.read': 'read the notes of a visit',
  'notes.update': 'saved notes on a visit',
  'report.read': 'downloaded a visit report',
  'patient.search': 'searched patients',
  'rooms.stats.read': 'looked at the open calls',
  'audit.read': 'read the audit log',
  'auth.sign-out': 'signed out everywhere',
};

/** Who read or changed which protected record, newest first. */
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
                <div className="item-title">
                  {entry.actor ? `${entry.actor.name} (${entry.actor.role.toLowerCase()})` : 'The system'}{' '}
                  {ACTION_WORDS[entry.action] ?? entry.action}
                </div>
                <div className="item-sub">
                  {formatDateTime(entry.occurredAt, zone)}
                  {entry.entityId ? ` · ${entry.entityType} ${entry.entityId.slice(0, 8)}` : ''}
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
