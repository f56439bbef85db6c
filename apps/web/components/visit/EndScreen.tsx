'use client';

import Link from 'next/link';
import type { AppointmentResponse, Role } from '@telehealth/contracts';
import type { CallView } from '@/hooks/useCall';
import { useSignedIn } from '@/components/auth/SignedInContext';

interface Props {
  call: CallView;
  appointment: AppointmentResponse;
  otherName: string;
  viewer: Role;
  onRejoin: () => void;
}

function endedText(viewer: Role, byLink: boolean, otherName: string): string {
  if (viewer === 'DOCTOR') return `Your visit with ${otherName} is over. You can add notes and download the report from the visit record.`;
  if (viewer === 'GUEST') return `The visit with ${otherName} is over. Thank you for joining. You can close this page.`;
  return byLink
    ? `Your visit with ${otherName} is over. Thank you. Its record and your report stay open to you here for a week after the visit.`
    : `Your visit with ${otherName} is over. Thank you. The summary will be in your visit history.`;
}

/** What everyone sees after the visit: ended, left, or refused, with the way on. */
export function EndScreen({ call, appointment, otherName, viewer, onRejoin }: Props) {
  // A visit-link session has this visit only: its record (a guest not even that), but no dashboard to go back to.
  const byLink = useSignedIn().user.visit !== undefined;
  const isDoctor = viewer === 'DOCTOR';
  const home = isDoctor ? '/doctor' : '/patient';
  const historyHref = `/history/${appointment.sessionId}`;
  let title: string;
  let text: string;
  if (call.state === 'ended') {
    title = 'The visit has ended';
    text = endedText(viewer, byLink, otherName);
  } else if (call.state === 'left') {
    title = 'You left the visit';
    text = `You can rejoin while the visit is still open, as long as ${otherName} has not ended it.`;
  } else {
    title = call.refusal === 'too_early' ? 'It is too early to join' : 'You cannot join this visit';
    text = call.detail ?? 'The visit could not be joined.';
  }
  const canRejoin = call.state === 'left' || (call.state === 'failed' && call.refusal !== 'forbidden' && call.refusal !== 'guest_removed');
  return (
    <section className="card end-screen" data-testid="end-screen" data-state={call.state} aria-live="polite">
      <h1 data-testid="end-screen-title">{title}</h1>
      <p data-testid="end-screen-text">{text}</p>
      <div className="actions">
        {call.state === 'ended' && viewer !== 'GUEST' && (
          <Link className="btn btn-primary" href={historyHref} data-testid="end-screen-history">
            {byLink ? 'View the visit record' : 'View the visit in your history'}
          </Link>
        )}
        {canRejoin && (
          <button type="button" className="btn btn-primary" onClick={onRejoin} data-testid="rejoin">
            Rejoin
          </button>
        )}
        {!byLink ? (
          <Link className="btn btn-secondary" href={home} data-testid="end-screen-home">
            Back to {isDoctor ? 'dashboard' : 'your visits'}
          </Link>
        ) : (
          // `/` knows where this visit stands: its device check while it is open, its record once over.
          call.state === 'failed' && (
            <Link className="btn btn-secondary" href="/" data-testid="end-screen-home">
              Back to your visit
            </Link>
          )
        )}
      </div>
    </section>
  );
}
