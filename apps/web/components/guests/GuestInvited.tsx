'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { formatDateTime, formatTime, isSameZonedDay } from '@/lib/time';
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
  const t = useTranslations('guests');
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [guest.guestId]);
  const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;
  const who = { name: guest.name, role: t(`roles.word.${guest.role}`) };
  const until = isSameZonedDay(guest.expiresAt, new Date(), timeZone)
    ? formatTime(guest.expiresAt, timeZone)
    : formatDateTime(guest.expiresAt, timeZone);
  return (
    <div className="alert alert-ok guest-invited" tabIndex={-1} ref={ref} data-testid="guest-invited" data-guest-id={guest.guestId}>
      <p>
        {guest.email
          ? t.rich('invited.emailed', { ...who, email: guest.email, until, strong })
          : t.rich('invited.notEmailed', { ...who, until, strong })}
      </p>
      <p className="guest-link-line">
        <span className="guest-link" data-testid="guest-link">
          {guest.link}
        </span>
      </p>
      <p>
        {t.rich('invited.orCode', {
          page: joinPageOf(guest.link),
          code: guest.code,
          codeTag: (chunks) => (
            <strong className="nowrap" data-testid="guest-code">
              {chunks}
            </strong>
          ),
        })}
      </p>
      <div className="actions">
        <CopyLinkButton link={guest.link} name={guest.name} />
        <button type="button" className="btn btn-ghost btn-small" onClick={onDone} data-testid="guest-invited-done">
          {t('invited.done')}
        </button>
      </div>
    </div>
  );
}
