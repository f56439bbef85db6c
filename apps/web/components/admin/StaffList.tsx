'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { useQueryClient } from '@tanstack/react-query';
import type { StaffMember, StaffStatus } from '@telehealth/contracts';
import { useSetStaffActive, useStaff } from '@/hooks/useStaff';
import { refusalText } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { formatDate } from '@/lib/time';
import { useSignedIn } from '@/components/auth/SignedInContext';
import { ConfirmDialog } from '@/components/common/ConfirmDialog';
import { staffChangeError } from '@/components/admin/errors';

function StaffStatusBadge({ status }: { status: StaffStatus }) {
  const t = useTranslations('admin');
  return (
    <span className={`status status-${status}`} data-testid="staff-status" data-status={status}>
      {t(`staff.status.${status}`)}
    </span>
  );
}

/** The clinic's doctors and admins, with their status and the way to deactivate or reactivate each (not oneself). */
export function StaffList() {
  const t = useTranslations('admin');
  const common = useTranslations('common');
  const { user } = useSignedIn();
  const { data, loading } = useStaff();
  // The refusal itself (the hook gives the API's sentence), to word it in the page's language.
  const error = useQueryClient().getQueryState(queryKeys.staff)?.error ?? null;
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
          setActionError(staffChangeError(e, t, common));
        },
      },
    );
  }

  return (
    <section className="card" aria-labelledby="staff-title" data-testid="staff-list">
      <div className="card-head">
        <h2 id="staff-title">{t('staff.title')}</h2>
        {data && <span className="hint">{t('staff.count', { count: data.length })}</span>}
      </div>
      {(error || actionError) && (
        <div className="alert alert-error" role="alert" data-testid="staff-error">
          {actionError ?? refusalText(error, common)}
        </div>
      )}
      {loading && <p className="empty">{t('staff.loading')}</p>}
      {data && data.length === 0 && <p className="empty">{t('staff.empty')}</p>}
      {data && data.length > 0 && (
        <ul className="list">
          {data.map((member) => {
            const self = member.id === user.id;
            return (
              <li key={member.id} className="list-item" data-testid="staff-member" data-email={member.email}>
                <div className="item-main">
                  <div className="item-title">
                    {member.name} {self && <span className="hint">{t('staff.you')}</span>}
                  </div>
                  <div className="item-sub">
                    {member.status === 'deactivated' && member.deactivatedAt
                      ? t('staff.deactivatedOn', {
                          role: t(`roles.${member.role}`),
                          email: member.email,
                          date: formatDate(member.deactivatedAt, user.timeZone),
                        })
                      : t('staff.added', {
                          role: t(`roles.${member.role}`),
                          email: member.email,
                          date: formatDate(member.createdAt, user.timeZone),
                        })}
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
                      {t('staff.deactivate')}
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
                      {t('staff.reactivate')}
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
          title={t('staff.confirmTitle', { name: confirming.name })}
          confirmLabel={t('staff.deactivate')}
          danger
          busy={setActive.isPending}
          onConfirm={() => change(confirming, false)}
          onCancel={() => setConfirming(null)}
          testId="staff-deactivate-dialog"
        >
          <p>{t('staff.confirmText')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
