'use client';

import { useState } from 'react';
import type { StaffMember, StaffStatus } from '@telehealth/contracts';
import { useSetStaffActive, useStaff } from '@/hooks/useStaff';
import { errorMessage } from '@/lib/api-client';
import { formatDate } from '@/lib/time';
import { useSignedIn } from '@/components/auth/SignedInContext';
import { ConfirmDialog } from '@/components/common/ConfirmDialog';

const ROLE_WORD = { DOCTOR: 'Doctor', ADMIN: 'Admin' } as const;
const STATUS_WORD: Record<StaffStatus, string> = { invited: 'Invited', active: 'Active', deactivated: 'Deactivated' };

function StaffStatusBadge({ status }: { status: StaffStatus }) {
  return (
    <span className={`status status-${status}`} data-testid="staff-status" data-status={status}>
      {STATUS_WORD[status]}
    </span>
  );
}

/** The clinic's doctors and admins, with their status and the way to deactivate or reactivate each (not oneself). */
export function StaffList() {
  const { user } = useSignedIn();
  const { data, error, loading } = useStaff();
  const setActive = useSetStaffActive();
  const [confirming, setConfirming] = useState<StaffMember | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  function change(member: StaffMember, active: boolean) {
    setActionError(null);
    setActive.mutate(
      { id: member.id, active },
      {
        onSuccess: () => setConfirming(null),
        onError: (e) => {
          setConfirming(null);
          setActionError(errorMessage(e));
        },
      },
    );
  }

  return (
    <section className="card" aria-labelledby="staff-title" data-testid="staff-list">
      <div className="card-head">
        <h2 id="staff-title">Doctors and admins</h2>
        {data && <span className="hint">{data.length === 1 ? '1 person' : `${data.length} people`}</span>}
      </div>
      {(error || actionError) && (
        <div className="alert alert-error" role="alert" data-testid="staff-error">
          {actionError ?? error}
        </div>
      )}
      {loading && <p className="empty">Loading…</p>}
      {data && data.length === 0 && <p className="empty">No staff yet. Invite the first doctor.</p>}
      {data && data.length > 0 && (
        <ul className="list">
          {data.map((member) => {
            const self = member.id === user.id;
            return (
              <li key={member.id} className="list-item" data-testid="staff-member" data-email={member.email}>
                <div className="item-main">
                  <div className="item-title">
                    {member.name} {self && <span className="hint">(you)</span>}
                  </div>
                  <div className="item-sub">
                    {ROLE_WORD[member.role]} · {member.email} ·{' '}
                    {member.status === 'deactivated' && member.deactivatedAt
                      ? `deactivated ${formatDate(member.deactivatedAt, user.timeZone)}`
                      : `added ${formatDate(member.createdAt, user.timeZone)}`}
                  </div>
                </div>
                <div className="staff-actions">
                  <StaffStatusBadge status={member.status} />
                  {!self && member.status !== 'deactivated' && (
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      onClick={() => setConfirming(member)}
                      disabled={setActive.isPending}
                      data-testid="staff-deactivate"
                    >
                      Deactivate
                    </button>
                  )}
                  {!self && member.status === 'deactivated' && (
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      onClick={() => change(member, true)}
                      disabled={setActive.isPending}
                      data-testid="staff-reactivate"
                    >
                      Reactivate
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {confirming && (
        <ConfirmDialog
          title={`Deactivate ${confirming.name}?`}
          confirmLabel="Deactivate"
          danger
          busy={setActive.isPending}
          onConfirm={() => change(confirming, false)}
          onCancel={() => setConfirming(null)}
          testId="staff-deactivate-dialog"
        >
          <p>
            They are signed out everywhere at once and cannot sign in until an admin reactivates the account. Their visits and notes stay.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
