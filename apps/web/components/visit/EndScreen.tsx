'use client';

import Link from 'next/link';
import type { AppointmentResponse } from '@telehealth/contracts';
import type { CallView } from '@/hooks/useCall';

interface Props {
  call: CallView;
  appointment: AppointmentResponse;
  otherName: string;
  isDoctor: boolean;
  onRejoin: () => void;
}

/** What both sides see after the visit: ended, left, or refused, with the way on. */
export function EndScreen({ call, appointment, otherName, isDoctor, onRejoin }: Props) {
  const home = isDoctor ? '/doctor' : '/patient';
  const historyHref = `/history/${appointment.sessionId}`;
  let title: string;
  let text: string;
  if (call.state === 'ended') {
    title = 'The visit has ended';
    text = isDoctor
      ? `Your visit with ${otherName} is over. You can add notes and download the report from the visit record.`
      : `Your visit with ${otherName} is over. Thank you. The summary will be in your visit history.`;
  } else if (call.state === 'left') {
    title = 'You left the visit';
    text = `You can rejoin while the visit is still open, as long as ${otherName} has not ended it.`;
  } else {
    title = call.refusal === 'too_early' ? 'It is too early to join' : 'You cannot join this visit';
    text = call.detail ?? 'The visit could not be joined.';
  }
  const canRejoin = call.state === 'left' || (call.state === 'failed' && call.refusal !== 'forbidden');
  return (
    <section className="card end-screen" data-testid="end-screen" data-state={call.state} aria-live="polite">
      <h1 data-testid="end-screen-title">{title}</h1>
      <p data-testid="end-screen-text">{text}</p>
      <div className="actions">
        {call.state === 'ended' && (
          <Link className="btn btn-primary" href={historyHref} data-testid="end-screen-history">
            View the visit in your history
          </Link>
        )}
        {canRejoin && (
          <button type="button" className="btn btn-primary" onClick={onRejoin} data-testid="rejoin">
            Rejoin
          </button>
        )}
        <Link className="btn btn-secondary" href={home} data-testid="end-screen-home">
          Back to {isDoctor ? 'dashboard' : 'your visits'}
        </Link>
      </div>
    </section>
  );
}
