'use client';

import { useState } from 'react';
import type { VisitGuest } from '@telehealth/contracts';
import { useRemoveGuest } from '@/hooks/useVisitGuests';
import { errorMessage } from '@/lib/api-client';
import { nameWithRole, tileLabel } from '@/lib/participants';
import { formatTime } from '@/lib/time';
import { ConfirmDialog } from '@/components/common/ConfirmDialog';
import { CopyLinkButton } from '@/components/guests/CopyLinkButton';

interface Props {
  appointmentId: string;
  guests: VisitGuest[];
  timeZone: string;
}

/** The visit's invited guests, each with their link to copy again and Remove (asked first); removed ones stay listed as such. */
export function GuestList({ appointmentId, guests, timeZone }: Props) {
  const remove = useRemoveGuest(appointmentId);
  const [removing, setRemoving] = useState<VisitGuest | null>(null);

  if (guests.length === 0) return null;
  return (
    <>
      {remove.error && (
        <div className="alert alert-error" role="alert" data-testid="remove-guest-error">
          {errorMessage(remove.error)}
        </div>
      )}
      <ul className="guest-list" aria-label="Invited guests">
        {guests.map((guest) => {
          const label = tileLabel({ name: guest.name, role: 'GUEST', guestRole: guest.role });
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
                  {label.name} <span className="guest-row-role">· {label.role}</span>
                </span>
                <span className="hint">
                  {guest.removedAt
                    ? `Removed at ${formatTime(guest.removedAt, timeZone)}`
                    : `Invited at ${formatTime(guest.invitedAt, timeZone)}`}
                  {guest.email ? ` · ${guest.email}` : ''}
                  {!guest.removedAt && guest.code && (
                    <>
                      {' · '}
                      <span className="nowrap">code {guest.code}</span>
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
                    aria-label={`Remove ${guest.name} from this visit`}
                    data-testid="remove-guest"
                  >
                    Remove
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.name} from this visit?`}
          confirmLabel={remove.isPending ? 'Removing…' : 'Remove guest'}
          cancelLabel="Keep guest"
          danger
          busy={remove.isPending}
          onCancel={() => setRemoving(null)}
          onConfirm={() => remove.mutate(removing.guestId, { onSettled: () => setRemoving(null) })}
          testId="remove-guest-dialog"
        >
          <p>
            {nameWithRole({ name: removing.name, role: 'GUEST', guestRole: removing.role })} can no longer open the visit: their link and
            code stop working. You can invite them again.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
