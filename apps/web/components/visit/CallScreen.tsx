'use client';

import { useEffect, useId, useMemo, useState } from 'react';
import type { AppointmentResponse, Participant } from '@telehealth/contracts';
import { useCall } from '@/hooks/useCall';
import { useCallActions } from '@/hooks/useCallActions';
import { useCallShortcuts } from '@/hooks/useCallShortcuts';
import { useLeaveGuard } from '@/hooks/useLeaveGuard';
import type { LocalMedia } from '@/hooks/useLocalMedia';
import { useVisitUpdates } from '@/hooks/useVisitUpdates';
import { useWaitingNews } from '@/hooks/useWaitingNews';
import { FINISHED_STATES, IN_ROOM_STATES } from '@/lib/call-view';
import { nameWithRole } from '@/lib/participants';
import type { User } from '@/types/user';
import { ConfirmDialog } from '@/components/common/ConfirmDialog';
import { VisitGuests } from '@/components/guests/VisitGuests';
import { CallAlerts } from '@/components/visit/CallAlerts';
import { CallControls } from '@/components/visit/CallControls';
import { CallStage } from '@/components/visit/CallStage';
import { CallStatus } from '@/components/visit/CallStatus';
import { ChatPanel } from '@/components/visit/ChatPanel';
import { EndScreen } from '@/components/visit/EndScreen';
import { EndVisitDialog } from '@/components/visit/EndVisitDialog';
import { LobbyPrompt } from '@/components/visit/LobbyPrompt';
import { LobbyWaiting } from '@/components/visit/LobbyWaiting';
import { AudioOutputContext } from '@/components/visit/MediaVideo';
import { TurnedAwayScreen } from '@/components/visit/TurnedAwayScreen';
import { VerificationPanel } from '@/components/visit/VerificationPanel';
import { WaitingNewsPanel } from '@/components/visit/WaitingNewsPanel';

interface Props {
  appointment: AppointmentResponse;
  user: User;
  signalingUrl: string;
  /** The visit's camera and microphone (its stream stays the same object for the whole call), device lists and choices. */
  media: LocalMedia & { stream: MediaStream };
  onRejoin: () => void;
  /** Back to the device check without ending the visit (a blocked device to sort out). */
  onBackToDeviceCheck: () => void;
  /** Called once the call is over (ended, left, or a guest turned away), so the page can switch the camera off. */
  onFinished: () => void;
}

/**
 * The call: status line, the doctor's lobby, the grid of pictures (who joined or left over it), the controls,
 * the doctor's guests and the chat; a guest's waiting screen before they are let in; the end
 * screen once it is over or refused.
 */
export function CallScreen({ appointment, user, signalingUrl, media, onRejoin, onBackToDeviceCheck, onFinished }: Props) {
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
  const actions = useCallActions(call, appointment.id);
  // A cancelled or moved visit reaches the page's appointment at once; VisitRoom takes the patient out.
  useVisitUpdates(call.socket);
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

  useEffect(() => {
    if (finished) onFinished();
  }, [finished, onFinished]);

  if (call.state === 'declined' || call.state === 'removed') return <TurnedAwayScreen state={call.state} doctorName={names.doctor} />;
  // A guest removed earlier whose page opens the visit again: the same sentence as when it happened.
  if (call.state === 'failed' && call.refusal === 'guest_removed') return <TurnedAwayScreen state="removed" doctorName={names.doctor} />;
  if (finished || (call.state === 'failed' && call.refusal !== null)) {
    return <EndScreen call={call} appointment={appointment} otherName={otherName} viewer={viewer} onRejoin={onRejoin} />;
  }
  if (call.state === 'lobby') {
    return <LobbyWaiting call={call} localStream={localStream} doctorName={names.doctor} busy={actions.busy} onLeave={actions.leave} />;
  }

  const peerNames = call.peers.map((peer) => peer.participant.name);
  return (
    <AudioOutputContext value={media.chosen.speaker}>
      <div className="call" data-testid="call-screen" data-people={call.peers.length + 1}>
        <div className="call-main">
          <CallStatus call={call} viewer={viewer} />
          <CallAlerts call={call} viewer={viewer} doctorName={names.doctor} onBackToDeviceCheck={onBackToDeviceCheck} />
          {viewer === 'PATIENT' && call.state === 'waiting' && (
            <WaitingNewsPanel news={news} newStart={newStart} doctorName={appointment.doctor.name} timeZone={user.timeZone} />
          )}
          {isDoctor && <LobbyPrompt lobby={call.lobby} onAdmit={call.admitGuest} onDecline={call.declineGuest} />}
          {actions.error && (
            <div className="alert alert-error" role="alert" data-testid="call-action-error">
              {actions.error}
            </div>
          )}
          {call.mediaError && (
            <div className="alert alert-error" role="alert" data-testid="call-media-error">
              {call.mediaError}
            </div>
          )}
          <CallStage call={call} localStream={localStream} viewer={viewer} names={names} onRemove={isDoctor ? setRemoving : undefined} />
          <CallControls
            call={call}
            isDoctor={isDoctor}
            busy={actions.busy}
            inRoom={inRoom}
            onLeave={actions.leave}
            onEnd={() => setConfirmEnd(true)}
            guests={{ open: guestsOpen, panelId: guestsPanelId, onToggle: () => setGuestsOpen((open) => !open) }}
            devices={{ lists: media.devices, chosen: media.chosen }}
          />
          <VerificationPanel call={call} isDoctor={isDoctor} />
        </div>
        <div className="call-side">
          {isDoctor && guestsOpen && (
            <section className="card call-guests" id={guestsPanelId} aria-labelledby={`${guestsPanelId}-title`}>
              <VisitGuests
                appointmentId={appointment.id}
                patientName={names.patient}
                timeZone={user.timeZone}
                titleId={`${guestsPanelId}-title`}
              />
            </section>
          )}
          <ChatPanel
            messages={call.chat}
            selfId={call.self?.userId ?? user.id}
            timeZone={user.timeZone}
            canSend={inRoom}
            onSend={call.sendChat}
            hasEarlier={call.chatHasMore}
            onLoadEarlier={call.loadEarlierChat}
          />
        </div>
        {confirmEnd && (
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
        {removing && (
          <ConfirmDialog
            title={`Remove ${removing.name} from the visit?`}
            confirmLabel="Remove"
            cancelLabel="Keep them"
            danger
            busy={actions.busy}
            onCancel={() => setRemoving(null)}
            onConfirm={() => {
              setRemoving(null);
              actions.remove(removing.userId);
            }}
            testId="remove-participant-dialog"
          >
            <p>
              {nameWithRole(removing)} leaves the call now, and their link stops opening this visit. You can invite them again under Guests.
            </p>
          </ConfirmDialog>
        )}
      </div>
    </AudioOutputContext>
  );
}
