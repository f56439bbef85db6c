'use client';

import Link from 'next/link';
import { useCallback, useState } from 'react';
import { useLocalMedia } from '@/hooks/useLocalMedia';
import { useVisitAppointment } from '@/hooks/useVisitAppointment';
import { CallScreen } from './CallScreen';
import { DeviceCheck } from './DeviceCheck';
import { useClientSession } from './SessionContext';

/** The visit page: device check first, then the call. */
export function VisitRoom({ sessionId }: { sessionId: string }) {
  const session = useClientSession();
  const { user } = session;
  const { appointment, loading, error } = useVisitAppointment(sessionId);
  const media = useLocalMedia();
  const [phase, setPhase] = useState<'check' | 'call'>('check');
  const home = user.role === 'DOCTOR' ? '/doctor' : '/patient';
  const { stop, retry } = media;

  const onFinished = useCallback(() => stop(), [stop]);
  const onRejoin = useCallback(() => {
    retry();
    setPhase('check');
  }, [retry]);

  if (loading) {
    return (
      <p className="empty" data-testid="visit-loading">
        Loading your visit…
      </p>
    );
  }
  if (error || !appointment) {
    return (
      <section className="card end-screen" data-testid="visit-not-found">
        <h1>Visit not found</h1>
        <p>{error ?? 'This visit is not one of yours, or the link is incomplete. Open it from your list of visits.'}</p>
        <div className="actions">
          <Link className="btn btn-primary" href={home}>
            Back to {user.role === 'DOCTOR' ? 'dashboard' : 'your visits'}
          </Link>
        </div>
      </section>
    );
  }
  if (appointment.status === 'CANCELLED') {
    return (
      <section className="card end-screen" data-testid="visit-cancelled">
        <h1>This visit was cancelled</h1>
        <p>It no longer takes place. Contact your care team if you need a new appointment.</p>
        <div className="actions">
          <Link className="btn btn-primary" href={home}>
            Back
          </Link>
        </div>
      </section>
    );
  }

  const otherName = user.role === 'DOCTOR' ? appointment.patient.name : appointment.doctor.name;
  if (phase === 'check' || !media.stream) {
    return <DeviceCheck appointment={appointment} otherName={otherName} timeZone={user.timeZone} media={media} onJoin={() => setPhase('call')} />;
  }
  return (
    <CallScreen
      appointment={appointment}
      user={user}
      apiUrl={session.apiUrl}
      token={session.token}
      localStream={media.stream}
      onRejoin={onRejoin}
      onFinished={onFinished}
    />
  );
}
