'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { useVisitGuests } from '@/hooks/useVisitGuests';
import { GuestInvited } from '@/components/guests/GuestInvited';
import { GuestList } from '@/components/guests/GuestList';
import { InviteGuestForm, type InvitedGuest } from '@/components/guests/InviteGuestForm';

interface Props {
  appointmentId: string;
  patientName: string;
  timeZone: string;
  /** The heading's id, for the region that holds this (a card, a panel in the call). */
  titleId: string;
}

/**
 * A visit's guests, for its doctor, before or during the call: invite one (name, part, email), then their
 * link and code to send, and everyone invited so far with Remove.
 */
export function VisitGuests({ appointmentId, patientName, timeZone, titleId }: Props) {
  const t = useTranslations('guests');
  const list = useVisitGuests(appointmentId);
  const [invited, setInvited] = useState<InvitedGuest | null>(null);
  return (
    <div className="visit-guests" data-testid="visit-guests">
      <h3 id={titleId} className="visit-guests-title">
        {t('title')}
      </h3>
      <p className="hint">{t('intro', { patient: patientName })}</p>
      {invited && <GuestInvited guest={invited} timeZone={timeZone} onDone={() => setInvited(null)} />}
      <InviteGuestForm appointmentId={appointmentId} onInvited={setInvited} />
      {list.error && (
        <div className="alert alert-error" role="alert" data-testid="visit-guests-error">
          {t('errors.loadFailed')}
        </div>
      )}
      {list.loading ? (
        <p className="empty">{t('loading')}</p>
      ) : (
        <GuestList appointmentId={appointmentId} guests={list.guests} timeZone={timeZone} />
      )}
    </div>
  );
}
