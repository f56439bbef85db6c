'use client';

import { useEffect, useRef } from 'react';
import { useTranslations } from 'next-intl';
import type { AppointmentResponse, Role } from '@telehealth/contracts';
import type { CallView } from '@/hooks/useCall';
import { useNow } from '@/hooks/useNow';
import { failureText, visitOpensText, type CallWords } from '@/lib/call-words';
import { AppLink } from '@/components/common/AppLink';
import { useSignedIn } from '@/components/auth/SignedInContext';

interface Props {
  call: CallView;
  appointment: AppointmentResponse;
  otherName: string;
  viewer: Role;
  /**
   * Back to the device check; with 'join', straight into the call again once the devices are back
   * (the too-early screen asks for that when the visit opens).
   */
  onRejoin: (then?: 'join') => void;
  /** Out of the call to the device check (not straight back in, as a rejoin soon after leaving is). */
  onBackToDeviceCheck?: () => void;
}

interface Home {
  href: string;
  /** What its link says: "Back to dashboard", "Back to your visits". */
  kind: 'dashboard' | 'visits';
}

// A timer longer than this fires at once in browsers; nobody keeps the page open that long anyway.
const LONGEST_TIMER_MS = 2 ** 31 - 1;
const CLOCK_AHEAD_RETRY_MS = 30_000;

function endedText(t: CallWords, viewer: Role, byLink: boolean, name: string): string {
  if (viewer === 'DOCTOR') return t('end.endedDoctor', { name });
  if (viewer === 'GUEST') return t('end.endedGuest', { name });
  return byLink ? t('end.endedPatientByLink', { name }) : t('end.endedPatient', { name });
}

/** The screen's heading takes the focus: a screen reader says where the person is now, and the keyboard starts here. */
function useFocusedHeading() {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return heading;
}

/**
 * Someone who joined before the window opened: when it opens, in their own zone, with the time left
 * (the server's sentence has the bare UTC instant). The page joins by itself at that moment.
 */
function TooEarlyScreen({
  appointment,
  home,
  onRejoin,
  onDeviceCheck,
}: {
  appointment: AppointmentResponse;
  home: Home | null;
  onRejoin: Props['onRejoin'];
  onDeviceCheck: () => void;
}) {
  const t = useTranslations('call');
  const { user } = useSignedIn();
  const heading = useFocusedHeading();
  const now = useNow(15_000);
  const opensAt = Date.parse(appointment.joinOpensAt);

  useEffect(() => {
    // Already open by this device's clock, yet refused: the clock runs ahead of the server's, so ask again a little later.
    const wait = opensAt > Date.now() ? Math.min(opensAt - Date.now(), LONGEST_TIMER_MS) : CLOCK_AHEAD_RETRY_MS;
    const timer = window.setTimeout(() => {
      if (Date.now() >= opensAt) onRejoin('join');
    }, wait);
    return () => window.clearTimeout(timer);
  }, [opensAt, onRejoin]);

  return (
    <section className="card end-screen" data-testid="end-screen" data-state="too-early">
      <h1 ref={heading} tabIndex={-1} data-testid="end-screen-title">
        {t('end.tooEarlyTitle')}
      </h1>
      <p data-testid="end-screen-text">{visitOpensText(t, appointment.joinOpensAt, now, user.timeZone)}</p>
      <p className="hint" data-testid="end-screen-hint">
        {t('end.tooEarlyHint')}
      </p>
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={onDeviceCheck} data-testid="end-screen-device-check">
          {t('end.checkDevices')}
        </button>
        {home && (
          <AppLink className="btn btn-secondary" href={home.href} data-testid="end-screen-home">
            {t('home.back', { home: home.kind })}
          </AppLink>
        )}
      </div>
    </section>
  );
}

/** What everyone sees after the visit: ended, left, or refused, with the way on. */
export function EndScreen({ call, appointment, otherName, viewer, onRejoin, onBackToDeviceCheck }: Props) {
  const t = useTranslations('call');
  const common = useTranslations('common');
  // A visit-link session has this visit only: its record (a guest not even that), but no dashboard to go back to.
  const byLink = useSignedIn().user.visit !== undefined;
  const heading = useFocusedHeading();
  const isDoctor = viewer === 'DOCTOR';
  const home: Home | null = byLink ? null : { href: isDoctor ? '/doctor' : '/patient', kind: isDoctor ? 'dashboard' : 'visits' };
  if (call.state === 'failed' && call.refusal === 'too_early') {
    const toDeviceCheck = onBackToDeviceCheck ?? (() => onRejoin());
    return <TooEarlyScreen appointment={appointment} home={home} onRejoin={onRejoin} onDeviceCheck={toDeviceCheck} />;
  }

  const historyHref = `/history/${appointment.sessionId}`;
  let title: string;
  let text: string;
  if (call.state === 'ended') {
    title = t('end.endedTitle');
    text = endedText(t, viewer, byLink, otherName);
  } else if (call.state === 'left') {
    title = t('end.leftTitle');
    text = t('end.leftText', { name: otherName });
  } else {
    title = t('end.failedTitle');
    // The refusal's reason in the reader's words, never the server's English sentence.
    text = failureText(t, common, call);
  }
  const canRejoin = call.state === 'left' || (call.state === 'failed' && call.refusal !== 'forbidden' && call.refusal !== 'guest_removed');
  return (
    <section className="card end-screen" data-testid="end-screen" data-state={call.state}>
      <h1 ref={heading} tabIndex={-1} data-testid="end-screen-title">
        {title}
      </h1>
      <p data-testid="end-screen-text">{text}</p>
      <div className="actions">
        {call.state === 'ended' && viewer !== 'GUEST' && (
          <AppLink className="btn btn-primary" href={historyHref} data-testid="end-screen-history">
            {byLink ? t('end.viewRecord') : t('end.viewHistory')}
          </AppLink>
        )}
        {canRejoin && (
          <button type="button" className="btn btn-primary" onClick={() => onRejoin()} data-testid="rejoin">
            {t('end.rejoin')}
          </button>
        )}
        {home ? (
          <AppLink className="btn btn-secondary" href={home.href} data-testid="end-screen-home">
            {t('home.back', { home: home.kind })}
          </AppLink>
        ) : (
          // `/` knows where this visit stands: its device check while it is open, its record once over.
          call.state === 'failed' && (
            <AppLink className="btn btn-secondary" href="/" data-testid="end-screen-home">
              {t('home.back', { home: 'visit' })}
            </AppLink>
          )
        )}
      </div>
    </section>
  );
}
