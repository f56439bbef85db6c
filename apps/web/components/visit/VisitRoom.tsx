'use client';

import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { useLazyModule } from '@/hooks/useLazyModule';
import { useLocalMedia } from '@/hooks/useLocalMedia';
import { callCode, joinPreparedCall, usePreparedCall } from '@/hooks/usePreparedCall';
import { useVisitAppointment } from '@/hooks/useVisitAppointment';
import { namesText } from '@/lib/call-words';
import { isUnavailable } from '@/lib/devices';
import { AppLink } from '@/components/common/AppLink';
import { DeviceCheck } from '@/components/visit/DeviceCheck';
import { VisitCancelledScreen, VisitMovedScreen } from '@/components/visit/VisitChangedScreen';
import { useSignedIn } from '@/components/auth/SignedInContext';

const IN_CALL_KEY = (sessionId: string) => `telehealth:in-call:${sessionId}`;
// Matches the server's default reconnect grace: after it, the seat is gone and a fresh check makes sense.
const RESUME_WITHIN_MS = 30_000;

function markInCall(sessionId: string): void {
  try {
    sessionStorage.setItem(IN_CALL_KEY(sessionId), String(Date.now()));
  } catch {
    // storage unavailable (private mode): a reload then shows the device check again
  }
}

function clearInCall(sessionId: string): void {
  try {
    sessionStorage.removeItem(IN_CALL_KEY(sessionId));
  } catch {
    // see markInCall
  }
}

function wasInCall(sessionId: string): boolean {
  try {
    const at = Number(sessionStorage.getItem(IN_CALL_KEY(sessionId)));
    return at > 0 && Date.now() - at < RESUME_WITHIN_MS;
  } catch {
    return false;
  }
}

/** The visit page: device check first, then the call; after a reload mid-call, the call again at once. */
export function VisitRoom({ sessionId }: { sessionId: string }) {
  const t = useTranslations('call');
  const session = useSignedIn();
  const { user } = session;
  const visit = useVisitAppointment(sessionId);
  const { appointment, loading, error } = visit;
  const media = useLocalMedia();
  // The call screen and all it holds (controls, chat, the call's hooks) is fetched while the device check
  // shows, which does not need it: the page appears on less JavaScript, and the screen is in by the Join.
  const callScreen = useLazyModule(callCode);
  // The doctor's parts of the call screen come next, on the doctor's page only: in by the Join too.
  useEffect(() => {
    if (callScreen && user.role === 'DOCTOR') callScreen.prefetchDoctorParts();
  }, [callScreen, user.role]);
  const [phase, setPhase] = useState<'check' | 'call'>('check');
  const [finished, setFinished] = useState(false);
  // Taken out of the room by a change while in it: 'cancelled', or 'moved' to a time whose window is not open.
  const [takenOut, setTakenOut] = useState<'cancelled' | 'moved' | null>(null);
  // A visit-link session has no list of visits: `/` takes it back to its own visit.
  const home = user.visit ? '/' : user.role === 'DOCTOR' ? '/doctor' : '/patient';
  const homeKind = user.visit ? 'visit' : user.role === 'DOCTOR' ? 'dashboard' : 'visits';
  const { stop, retry } = media;
  // The call gets ready during the device check (socket, ICE servers, engine, peer connection): Join then starts it at once.
  // Kept until the call screen is there to take it over, should Join come before the screen's code.
  usePreparedCall(session.signalingUrl, appointment?.roomId ?? null, media.stream, {
    enabled: (phase === 'check' || !callScreen) && !takenOut && appointment !== null && appointment.status !== 'CANCELLED',
    firstOffer: user.role === 'DOCTOR',
    // As the call screen will say them (CallScreen's devices).
    unavailable: { audio: isUnavailable(media.microphone), video: isUnavailable(media.audioOnly ? 'off' : media.camera) },
  });
  const roomId = appointment?.roomId;
  const onJoin = useCallback(() => {
    if (roomId) joinPreparedCall(session.signalingUrl, roomId);
    // Drawn in slices: the prepared engine answers the server (its offer leaves) between them.
    startTransition(() => setPhase('call'));
  }, [roomId, session.signalingUrl]);

  // A reload in the middle of a call goes straight back into it: the device check already passed.
  useEffect(() => {
    if (phase === 'check' && media.stream && wasInCall(sessionId)) setPhase('call');
  }, [phase, media.stream, sessionId]);
  useEffect(() => {
    if (phase !== 'call' || finished) return;
    markInCall(sessionId);
    // Stamped again as the page goes away, so the resume window counts from the reload, not the join.
    const onPageHide = () => markInCall(sessionId);
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, [phase, finished, sessionId]);

  // `visit-updated` patches the appointment at once (CallScreen listens on the call's socket). Leaving
  // the call screen closes the call: the room is left and the socket closed; the camera goes off here.
  const cancelled = appointment?.status === 'CANCELLED';
  useEffect(() => {
    if (cancelled) stop();
  }, [cancelled, stop]);
  // The start the call screen opened with: a window that is not open is a move only if the start changed
  // (someone early for an unchanged visit is refused as too early, and the call screen says when it opens).
  const startsAtInCall = useRef<string | null>(null);
  useEffect(() => {
    if (phase !== 'call') startsAtInCall.current = null;
    else if (appointment && startsAtInCall.current === null) startsAtInCall.current = appointment.startsAt;
  }, [phase, appointment]);
  useEffect(() => {
    if (!appointment || phase !== 'call' || takenOut) return;
    const moved = startsAtInCall.current !== null && appointment.startsAt !== startsAtInCall.current;
    if (!cancelled && (!moved || Date.now() >= Date.parse(appointment.joinOpensAt))) return;
    setTakenOut(cancelled ? 'cancelled' : 'moved');
    clearInCall(sessionId);
    stop();
  }, [appointment, cancelled, phase, takenOut, sessionId, stop]);

  const onFinished = useCallback(() => {
    setFinished(true);
    clearInCall(sessionId);
    stop();
  }, [stop, sessionId]);
  // 'join': straight back into the call once the devices are back (the too-early screen, when the visit opens).
  const onRejoin = useCallback(
    (then?: 'join') => {
      setFinished(false);
      retry();
      setPhase(then === 'join' ? 'call' : 'check');
    },
    [retry],
  );
  // A blocked device to sort out: the call is left (not ended) and the devices are asked for again.
  const onBackToDeviceCheck = useCallback(() => {
    clearInCall(sessionId);
    retry();
    setPhase('check');
  }, [retry, sessionId]);

  if (loading) {
    return (
      <p className="empty" data-testid="visit-loading">
        {t('room.loading')}
      </p>
    );
  }
  if (error || !appointment) {
    return (
      <section className="card end-screen" data-testid="visit-not-found">
        <h1>{t('room.notFoundTitle')}</h1>
        {/* The request's failure in the reader's words: the API's English sentence is not shown. */}
        <p>{error ? t('room.loadFailed') : t('room.notFoundText')}</p>
        <div className="actions">
          <AppLink className="btn btn-primary" href={home}>
            {t('home.back', { home: homeKind })}
          </AppLink>
        </div>
      </section>
    );
  }
  if (takenOut === 'moved') {
    return <VisitMovedScreen appointment={appointment} home={home} homeKind={homeKind} timeZone={user.timeZone} />;
  }
  if (appointment.status === 'CANCELLED') {
    return <VisitCancelledScreen home={home} homeKind={homeKind} wasInRoom={takenOut === 'cancelled'} />;
  }

  // A guest's link outlives the call by nothing: once the visit is over there is no call, and no record, to open.
  if (user.role === 'GUEST' && appointment.sessionStatus === 'ENDED' && phase === 'check') {
    return (
      <section className="card end-screen" data-testid="visit-over">
        <h1>{t('room.overTitle')}</h1>
        <p>{t('room.overText', { doctor: appointment.doctor.name })}</p>
      </section>
    );
  }

  const otherName = user.role === 'DOCTOR' ? appointment.patient.name : appointment.doctor.name;
  const { stream } = media;
  if (phase === 'check' || !stream) {
    return (
      <DeviceCheck
        appointment={appointment}
        withWhom={user.role === 'GUEST' ? namesText(t, [appointment.doctor.name, appointment.patient.name]) : otherName}
        timeZone={user.timeZone}
        media={media}
        onJoin={onJoin}
      />
    );
  }
  if (!callScreen) {
    // Only when Join comes before the call screen's code (a very slow network), or a reload goes straight back into the call.
    return (
      <p className="empty" data-testid="visit-loading">
        {t('room.loading')}
      </p>
    );
  }
  const { CallScreen } = callScreen;
  return (
    <CallScreen
      appointment={appointment}
      user={user}
      signalingUrl={session.signalingUrl}
      media={{ ...media, stream }}
      onVisitUpdated={visit.applyUpdate}
      onVisitEnded={visit.refresh}
      onRejoin={onRejoin}
      onBackToDeviceCheck={onBackToDeviceCheck}
      onFinished={onFinished}
    />
  );
}
