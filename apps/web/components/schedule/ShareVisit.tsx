'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { AppointmentResponse } from '@telehealth/contracts';
import { useFetchInvitation } from '@/hooks/useInvitation';
import { visitRefusalText } from '@/lib/live-visits';
import { calendarHref } from '@/lib/calendar';
import { copyWhenReady } from '@/lib/clipboard';
import { VisitGuests } from '@/components/guests/VisitGuests';
import { useSignedIn } from '@/components/auth/SignedInContext';

type CopyState = { status: 'idle' | 'copying' | 'copied' } | { status: 'manual'; message: string } | { status: 'failed'; error: string };

/**
 * What a doctor sends a patient about an upcoming visit: the invitation (date and time in the
 * patient's zone, link and code) copied for SMS or chat, and the calendar file. When the browser
 * refuses the clipboard, the message is shown selected, to copy by hand. Beside them, the visit's
 * guests: invite an interpreter or a caregiver with their own link.
 */
export function ShareVisit({ appointment }: { appointment: AppointmentResponse }) {
  const t = useTranslations('schedule');
  const common = useTranslations('common');
  const fetchInvitation = useFetchInvitation();
  const { timeZone } = useSignedIn().user;
  const [state, setState] = useState<CopyState>({ status: 'idle' });
  const [guestsOpen, setGuestsOpen] = useState(false);
  const textId = useId();
  const guestsId = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const name = appointment.patient.name;

  useEffect(() => {
    if (state.status === 'manual') {
      textRef.current?.focus();
      textRef.current?.select();
    }
    if (state.status !== 'copied') return;
    const id = window.setTimeout(() => setState({ status: 'idle' }), 5000);
    return () => window.clearTimeout(id);
  }, [state.status]);

  async function copy() {
    setState({ status: 'copying' });
    const message = fetchInvitation(appointment.id).then((invitation) => invitation.message);
    try {
      const copied = await copyWhenReady(message);
      setState(copied ? { status: 'copied' } : { status: 'manual', message: await message });
    } catch (e) {
      setState({ status: 'failed', error: visitRefusalText(t, common, e) });
    }
  }

  return (
    <div className="share-visit">
      <div className="share-actions">
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => void copy()}
          disabled={state.status === 'copying'}
          aria-label={t('share.copyLabel', { name })}
          data-testid="copy-invitation"
        >
          {state.status === 'copying' ? t('share.copying') : t('share.copy')}
        </button>
        <a className="btn btn-ghost btn-small" href={calendarHref(appointment.id)} download data-testid="download-ics">
          {/* The visible words first, so the link's spoken name begins with what is seen (WCAG 2.5.3). */}
          {t('share.calendar')}
          <span className="visually-hidden"> {t('share.calendarContext', { name })}</span>
        </a>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => setGuestsOpen((open) => !open)}
          aria-expanded={guestsOpen}
          aria-controls={guestsOpen ? guestsId : undefined}
          aria-label={guestsOpen ? t('share.hideGuestsLabel', { name }) : t('share.guestsLabel', { name })}
          data-testid="toggle-guests"
        >
          {guestsOpen ? t('share.hideGuests') : t('share.guests')}
        </button>
        <span className="share-status" role="status" aria-live="polite" data-testid="invitation-status">
          {state.status === 'copied' ? t('share.copied') : ''}
        </span>
      </div>
      {state.status === 'failed' && (
        <div className="alert alert-error" role="alert" data-testid="invitation-error">
          {state.error}
        </div>
      )}
      {state.status === 'manual' && (
        <div className="field share-manual">
          <label htmlFor={textId}>{t('share.manual', { name })}</label>
          <textarea id={textId} ref={textRef} readOnly rows={6} value={state.message} data-testid="invitation-text" />
          <div className="actions">
            <button type="button" className="btn btn-secondary btn-small" onClick={() => setState({ status: 'idle' })}>
              {t('share.done')}
            </button>
          </div>
        </div>
      )}
      {guestsOpen && (
        <section className="share-guests" id={guestsId} aria-labelledby={`${guestsId}-title`}>
          <VisitGuests appointmentId={appointment.id} patientName={name} timeZone={timeZone} titleId={`${guestsId}-title`} />
        </section>
      )}
    </div>
  );
}
