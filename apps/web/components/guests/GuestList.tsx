'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import type { VisitGuest } from '@telehealth/contracts';
import { useRemoveGuest } from '@/hooks/useVisitGuests';
import { formatTime } from '@/lib/time';
import { ConfirmDialog } from '@/components/common/ConfirmDialog';
import { CopyLinkButton } from '@/components/guests/CopyLinkButton';
import { guestRefusalText } from '@/components/guests/guest-refusals';

interface Props {
  appointmentId: string;
  guests: VisitGuest[];
  timeZone: string;
}

/** The visit's invited guests, each with their link to copy again and Remove (asked first); removed ones stay listed as such. */
export function GuestList({ appointmentId, guests, timeZone }: Props) {
  const t = useTranslations('guests');
  const common = useTranslations('common');
  const remove = useRemoveGuest(appointmentId);
  const [removing, setRemoving] = useState<VisitGuest | null>(null);

  if (guests.length === 0) return null;
  return (
    <>
      {remove.error && (
        <div className="alert alert-error" role="alert" data-testid="remove-guest-error">
          {guestRefusalText(t, common, remove.error, 'remove')}
        </div>
      )}
      <ul className="guest-list" aria-label={t('list.label')}>
        {guests.map((guest) => {
          return (
            <li
              key={guest.guestId}
              className="guest-row"
              data-removed={guest.removedAt !== null}
              data-testid="visit-guest"
              data-guest-id={guest.guestId}
            >
              <div className="guest-row-main">
                <span className="guest-row-name">
                  {guest.name} <span className="guest-row-role">· {t(`roles.label.${guest.role}`)}</span>
                </span>
                <span className="hint">
                  {guest.removedAt
                    ? t('list.removedAt', { time: formatTime(guest.removedAt, timeZone) })
                    : t('list.invitedAt', { time: formatTime(guest.invitedAt, timeZone) })}
                  {guest.email ? ` · ${guest.email}` : ''}
                  {!guest.removedAt && guest.code && (
                    <>
                      {' · '}
                      <span className="nowrap">{t('list.code', { code: guest.code })}</span>
                    </>
                  )}
                </span>
              </div>
              {!guest.removedAt && (
                <div className="actions guest-row-actions">
                  {guest.link && <CopyLinkButton link={guest.link} name={guest.name} testId="copy-listed-guest-link" />}
                  <button
                    type="button"
                    className="btn btn-ghost btn-ghost-danger btn-small"
                    onClick={() => {
                      remove.reset();
                      setRemoving(guest);
                    }}
                    aria-label={t('list.removeLabel', { name: guest.name })}
                    data-testid="remove-guest"
                  >
                    {t('list.remove')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {removing && (
        <ConfirmDialog
          title={t('list.removeTitle', { name: removing.name })}
          confirmLabel={remove.isPending ? t('list.removing') : t('list.removeConfirm')}
          cancelLabel={t('list.keep')}
          danger
          busy={remove.isPending}
          onCancel={() => setRemoving(null)}
          onConfirm={() => remove.mutate(removing.guestId, { onSettled: () => setRemoving(null) })}
          testId="remove-guest-dialog"
        >
          <p>{t('list.removeBody', { name: removing.name, role: t(`roles.word.${removing.role}`) })}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
