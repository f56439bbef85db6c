'use client';

import { useEffect, useId, useMemo, useState, type ComponentProps } from 'react';
import { useTranslations } from 'next-intl';
import type { AppointmentResponse, Participant, VisitUpdatedEvent } from '@telehealth/contracts';
import { useCall } from '@/hooks/useCall';
import { useCallActions } from '@/hooks/useCallActions';
import { useCallShortcuts } from '@/hooks/useCallShortcuts';
import { useChatSheet } from '@/hooks/useChatSheet';
import { useLazyModule } from '@/hooks/useLazyModule';
import { useLeaveGuard } from '@/hooks/useLeaveGuard';
import type { LocalMedia } from '@/hooks/useLocalMedia';
import { useVisitUpdated } from '@/hooks/useVisitUpdated';
import { useWaitingNews } from '@/hooks/useWaitingNews';
import { FINISHED_STATES, IN_ROOM_STATES } from '@/lib/call-view';
import { mediaErrorText } from '@/lib/call-words';
import { lazyModule } from '@/lib/lazy-module';
import type { User } from '@/types/user';
import type { CallGuests } from '@/components/guests/CallGuests';
import { LazyPart } from '@/components/common/LazyPart';
import { CallAlerts } from '@/components/visit/CallAlerts';
import { CallControls } from '@/components/visit/CallControls';
import { CallStage } from '@/components/visit/CallStage';
import { CallStatus } from '@/components/visit/CallStatus';
import { ChatPanel } from '@/components/visit/ChatPanel';
import { EndScreen } from '@/components/visit/EndScreen';
import { LobbyWaiting } from '@/components/visit/LobbyWaiting';
import { AudioOutputContext } from '@/components/visit/MediaVideo';
import { TurnedAwayScreen } from '@/components/visit/TurnedAwayScreen';
import { VerificationPanel } from '@/components/visit/VerificationPanel';
import { WaitingNewsPanel } from '@/components/visit/WaitingNewsPanel';

// The doctor's parts of the call (components/visit/doctor-call-code.ts) and the guests panel: only a doctor
// admits, ends the visit and invites guests, so a patient's or a guest's page never fetches them (nor
// react-query, which keeps the guest list).
const doctorCallCode = lazyModule(() => import('@/components/visit/doctor-call-code'));
const callGuestsCode = lazyModule(() => import('@/components/guests/CallGuests'));

/** Asks for the doctor's parts of the call while the doctor's device check shows, so they are in by the Join. */
export function prefetchDoctorParts(): void {
  doctorCallCode.prefetch();
  callGuestsCode.prefetch();
}

/**
 * The doctor's guests panel, beside the call while open. Its code is fetched during the doctor's device
 * check (prefetchDoctorParts), or else as the doctor's call screen mounts: in by the first click on Guests.
 */
function GuestsPanel({ open, panelId, ...props }: { open: boolean; panelId: string } & Omit<ComponentProps<typeof CallGuests>, 'titleId'>) {
  const t = useTranslations('guests');
  const code = useLazyModule(callGuestsCode);
  if (!open) return null;
  return (
    <section className="card call-guests" id={panelId} aria-labelledby={`${panelId}-title`}>
      {code ? <code.CallGuests {...props} titleId={`${panelId}-title`} /> : <p className="empty">{t('loading')}</p>}
    </section>
  );
}

interface Props {
  appointment: AppointmentResponse;
  user: User;
  signalingUrl: string;
  /** The visit's camera and microphone (its stream stays the same object for the whole call), device lists and choices. */
  media: LocalMedia & { stream: MediaStream };
  /** `visit-updated` on the call's socket: the page's appointment is patched with it. */
  onVisitUpdated: (event: VisitUpdatedEvent) => void;
  /** The visit was ended here: the page fetches its appointment again. */
  onVisitEnded: () => void;
  onRejoin: (then?: 'join') => void;
  /** Back to the device check without ending the visit (a blocked device to sort out). */
  onBackToDeviceCheck: () => void;
  /** Called once the call is over (ended, left, or a guest turned away), so the page can switch the camera off. */
  onFinished: () => void;
}

/**
 * A phone's bar of controls is fixed at the bottom of the screen over the page: the stage and the
 * page's end make room for its height (`--call-bar-h`), whatever wraps in it or opens above it.
 */
function measureBar(bar: HTMLDivElement | null): (() => void) | undefined {
  const call = bar?.closest<HTMLElement>('.call');
  if (!bar || !call) return undefined;
  const observer = new ResizeObserver(() => call.style.setProperty('--call-bar-h', `${bar.offsetHeight}px`));
  observer.observe(bar);
  return () => observer.disconnect();
}

/**
 * The call: status line, the doctor's lobby, the grid of pictures (who joined or left over it), the controls,
 * the doctor's guests and the chat; a guest's waiting screen before they are let in; the end
 * screen once it is over or refused. On a phone the pictures fill the screen above a bar of
 * controls, and the chat is a sheet that opens from the bar.
 */
export function CallScreen({
  appointment,
  user,
  signalingUrl,
  media,
  onVisitUpdated,
  onVisitEnded,
  onRejoin,
  onBackToDeviceCheck,
  onFinished,
}: Props) {
  const t = useTranslations('call');
  const localStream = media.stream;
  const devices = useMemo(
    () => ({
      camera: media.audioOnly ? ('off' as const) : media.camera,
      microphone: media.microphone,
      chosen: media.chosen,
      cameras: media.devices.cameras,
      remember: media.remember,
    }),
    [media.audioOnly, media.camera, media.microphone, media.chosen, media.devices.cameras, media.remember],
  );
  const call = useCall({ sessionId: appointment.sessionId, roomId: appointment.roomId, signalingUrl, localStream, devices });
  const actions = useCallActions(call, {
    onEnded: onVisitEnded,
    // Only the guests panel's code keeps the list: before it is in, there is nothing to fetch again.
    onRemoved: () => callGuestsCode.loaded?.guestsChanged(appointment.id),
  });
  // A cancelled or moved visit reaches the page's appointment at once; VisitRoom takes the patient out.
  useVisitUpdated(call.socket, onVisitUpdated);
  const news = useWaitingNews(call.socket, appointment.id);
  // A visit moved while its window stays open keeps the patient in the room, told the new time.
  const [startsAtOnJoin] = useState(appointment.startsAt);
  const newStart = appointment.startsAt !== startsAtOnJoin ? appointment.startsAt : null;
  const viewer = user.role;
  const isDoctor = viewer === 'DOCTOR';
  const names = { doctor: appointment.doctor.name, patient: appointment.patient.name };
  const otherName = isDoctor ? names.patient : names.doctor;
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [removing, setRemoving] = useState<Participant | null>(null);
  const [guestsOpen, setGuestsOpen] = useState(false);
  const guestsPanelId = useId();
  const finished = FINISHED_STATES.includes(call.state);
  const inRoom = IN_ROOM_STATES.includes(call.state);
  useLeaveGuard(inRoom);
  useCallShortcuts(inRoom, { 'toggle-audio': call.toggleAudio, 'toggle-video': call.toggleVideo });

  const chatSheet = useChatSheet(call.chat, call.self?.userId ?? user.id, inRoom);
  const chatSheetId = useId();
  const chatButtonId = useId();
  const closeChat = () => {
    chatSheet.close();
    document.getElementById(chatButtonId)?.focus();
  };

  useEffect(() => {
    if (finished) onFinished();
  }, [finished, onFinished]);
  // Joined from the foot of a phone's device check, the page would stay scrolled: the call starts at its top.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, []);
  // The guests panel comes after the call: on a phone it is below the fold, so it is brought into view.
  useEffect(() => {
    if (guestsOpen) document.getElementById(guestsPanelId)?.scrollIntoView({ block: 'nearest' });
  }, [guestsOpen, guestsPanelId]);

  if (call.state === 'declined' || call.state === 'removed') return <TurnedAwayScreen state={call.state} doctorName={names.doctor} />;
  // A guest removed earlier whose page opens the visit again: the same sentence as when it happened.
  if (call.state === 'failed' && call.refusal === 'guest_removed') return <TurnedAwayScreen state="removed" doctorName={names.doctor} />;
  if (finished || (call.state === 'failed' && call.refusal !== null)) {
    return (
      <EndScreen
        call={call}
        appointment={appointment}
        otherName={otherName}
        viewer={viewer}
        onRejoin={onRejoin}
        onBackToDeviceCheck={onBackToDeviceCheck}
      />
    );
  }
  if (call.state === 'lobby') {
    return <LobbyWaiting call={call} localStream={localStream} doctorName={names.doctor} busy={actions.busy} onLeave={actions.leave} />;
  }

  const peerNames = call.peers.map((peer) => peer.participant.name);
  return (
    <AudioOutputContext value={media.chosen.speaker}>
      <div className="call" data-testid="call-screen" data-people={call.peers.length + 1}>
        <div className="call-main">
          <div className="call-view">
            <CallStatus call={call} viewer={viewer} />
            <CallAlerts call={call} viewer={viewer} doctorName={names.doctor} onBackToDeviceCheck={onBackToDeviceCheck} />
            {viewer === 'PATIENT' && call.state === 'waiting' && (
              <WaitingNewsPanel news={news} newStart={newStart} doctorName={appointment.doctor.name} timeZone={user.timeZone} />
            )}
            {isDoctor && (
              <LazyPart
                code={doctorCallCode}
                render={({ LobbyPrompt }) => <LobbyPrompt lobby={call.lobby} onAdmit={call.admitGuest} onDecline={call.declineGuest} />}
              />
            )}
            {actions.error && (
              <div className="alert alert-error" role="alert" data-testid="call-action-error">
                {/* useCallActions gives the failure as the API's English sentence: said here in general, in the reader's language. */}
                {t('errors.generic')}
              </div>
            )}
            {call.mediaError && (
              <div className="alert alert-error" role="alert" data-testid="call-media-error">
                {mediaErrorText(t, call.mediaError)}
              </div>
            )}
            <CallStage
              call={call}
              localStream={localStream}
              viewer={viewer}
              names={names}
              onRemove={isDoctor ? setRemoving : undefined}
              audioCall={appointment.media === 'audio'}
            />
          </div>
          <div className="call-bar" ref={measureBar}>
            <CallControls
              call={call}
              isDoctor={isDoctor}
              busy={actions.busy}
              inRoom={inRoom}
              onLeave={actions.leave}
              onEnd={() => setConfirmEnd(true)}
              guests={{ open: guestsOpen, panelId: guestsPanelId, onToggle: () => setGuestsOpen((open) => !open) }}
              devices={{ lists: media.devices, chosen: media.chosen }}
              chat={{
                open: chatSheet.open,
                unread: chatSheet.unread,
                buttonId: chatButtonId,
                sheetId: chatSheetId,
                onToggle: chatSheet.toggle,
              }}
            />
          </div>
          <VerificationPanel call={call} isDoctor={isDoctor} />
        </div>
        <div className="call-side">
          {isDoctor && (
            <GuestsPanel
              open={guestsOpen}
              panelId={guestsPanelId}
              appointmentId={appointment.id}
              patientName={names.patient}
              timeZone={user.timeZone}
            />
          )}
          <ChatPanel
            messages={call.chat}
            selfId={call.self?.userId ?? user.id}
            timeZone={user.timeZone}
            canSend={inRoom}
            onSend={call.sendChat}
            hasEarlier={call.chatHasMore}
            onLoadEarlier={call.loadEarlierChat}
            sheet={{ id: chatSheetId, open: chatSheet.open, onClose: closeChat }}
          />
        </div>
        {confirmEnd && (
          <LazyPart
            code={doctorCallCode}
            render={({ EndVisitDialog }) => (
              <EndVisitDialog
                otherNames={peerNames.length > 0 ? peerNames : [otherName]}
                busy={actions.busy}
                onCancel={() => setConfirmEnd(false)}
                onConfirm={() => {
                  setConfirmEnd(false);
                  actions.end();
                }}
              />
            )}
          />
        )}
        {removing && (
          <LazyPart
            code={doctorCallCode}
            render={({ RemoveParticipantDialog }) => (
              <RemoveParticipantDialog
                participant={removing}
                busy={actions.busy}
                onCancel={() => setRemoving(null)}
                onConfirm={() => {
                  setRemoving(null);
                  actions.remove(removing.userId);
                }}
              />
            )}
          />
        )}
      </div>
    </AudioOutputContext>
  );
}
