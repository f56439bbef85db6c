'use client';

import { useEffect, useRef } from 'react';
import { formatDateTime, formatTime, isSameZonedDay } from '@/lib/time';
import { nameWithRole } from '@/lib/participants';
import { CopyLinkButton } from '@/components/guests/CopyLinkButton';
import type { InvitedGuest } from '@/components/guests/InviteGuestForm';

/** Where a code is typed: the `/join` page of the site the link points at. */
function joinPageOf(link: string): string {
  try {
    return `${new URL(link).origin}/join`;
  } catch {
    return '/join';
  }
}

/** Right after an invitation: the guest's own link and code, to send them (focus lands here, so it is read out). */
export function GuestInvited({ guest, timeZone, onDone }: { guest: InvitedGuest; timeZone: string; onDone: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [guest.guestId]);
  const who = nameWithRole({ name: guest.name, role: 'GUEST', guestRole: guest.role });
  const until = isSameZonedDay(guest.expiresAt, new Date(), timeZone)
    ? formatTime(guest.expiresAt, timeZone)
    : formatDateTime(guest.expiresAt, timeZone);
  return (
    <div className="alert alert-ok guest-invited" tabIndex={-1} ref={ref} data-testid="guest-invited" data-guest-id={guest.guestId}>
      <p>
        <strong>{who}</strong> is invited. {guest.email ? `We emailed the link to ${guest.email}; you` : 'You'} can also send it yourself.
        It opens this visit only, until {until}.
      </p>
      <p className="guest-link-line">
        <span className="guest-link" data-testid="guest-link">
          {guest.link}
        </span>
      </p>
      <p>
        Or they open {joinPageOf(guest.link)} and type the code{' '}
        <strong className="nowrap" data-testid="guest-code">
          {guest.code}
        </strong>
        .
      </p>
      <div className="actions">
        <CopyLinkButton link={guest.link} name={guest.name} />
        <button type="button" className="btn btn-ghost btn-small" onClick={onDone} data-testid="guest-invited-done">
          Done
        </button>
      </div>
    </div>
  );
}
