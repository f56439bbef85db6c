'use client';

import { useEffect, useState } from 'react';
import type { AppointmentResponse } from '@telehealth/contracts';
import { useCall } from '@/hooks/useCall';
import { useCallActions } from '@/hooks/useCallActions';
import { useVisitUpdates } from '@/hooks/useVisitUpdates';
import { useWaitingNews } from '@/hooks/useWaitingNews';
import type { User } from '@/types/user';
import { CallControls } from '@/components/visit/CallControls';
import { CallStage } from '@/components/visit/CallStage';
import { CallStatus } from '@/components/visit/CallStatus';
import { ChatPanel } from '@/components/visit/ChatPanel';
import { EndScreen } from '@/components/visit/EndScreen';
import { EndVisitDialog } from '@/components/visit/EndVisitDialog';
import { WaitingNewsPanel } from '@/components/visit/WaitingNewsPanel';

interface Props {
  appointment: AppointmentResponse;
  user: User;
  signalingUrl: string;
  localStream: MediaStream;
  onRejoin: () => void;
  /** Called once the call is over (ended or left), so the page can switch the camera off. */
  onFinished: () => void;
}

const IN_ROOM = ['waiting', 'connecting', 'connected', 'reconnecting', 'peer-left'];

/** The call: status line, the stage, the controls and the chat; the end screen once it is over or refused. */
export function CallScreen({ appointment, user, signalingUrl, localStream, onRejoin, onFinished }: Props) {
  const call = useCall({ sessionId: appointment.sessionId, roomId: appointment.roomId, signalingUrl, localStream });
  const actions = useCallActions(call);
  // A cancelled or moved visit reaches the page's appointment at once; VisitRoom takes the patient out.
  useVisitUpdates(call.socket);
  const news = useWaitingNews(call.socket, appointment.id);
  // A visit moved while its window stays open keeps the patient in the room, told the new time.
  const [startsAtOnJoin] = useState(appointment.startsAt);
  const newStart = appointment.startsAt !== startsAtOnJoin ? appointment.startsAt : null;
  const isDoctor = user.role === 'DOCTOR';
  const otherName = isDoctor ? appointment.patient.name : appointment.doctor.name;
  const [confirmEnd, setConfirmEnd] = useState(false);
  const finished = call.state === 'ended' || call.state === 'left';

  useEffect(() => {
    if (finished) onFinished();
  }, [finished, onFinished]);

  if (finished || (call.state === 'failed' && call.refusal !== null)) {
    return <EndScreen call={call} appointment={appointment} otherName={otherName} isDoctor={isDoctor} onRejoin={onRejoin} />;
  }

  const inRoom = IN_ROOM.includes(call.state);
  return (
    <div className="call" data-testid="call-screen">
      <div>
        <CallStatus call={call} otherRole={isDoctor ? 'patient' : 'doctor'} />
        {!isDoctor && call.state === 'waiting' && (
          <WaitingNewsPanel news={news} newStart={newStart} doctorName={appointment.doctor.name} timeZone={user.timeZone} />
        )}
        {actions.error && (
          <div className="alert alert-error" role="alert" data-testid="call-action-error">
            {actions.error}
          </div>
        )}
        <CallStage call={call} localStream={localStream} isDoctor={isDoctor} otherName={otherName} />
        <CallControls
          call={call}
          isDoctor={isDoctor}
          busy={actions.busy}
          inRoom={inRoom}
          onLeave={actions.leave}
          onEnd={() => setConfirmEnd(true)}
        />
      </div>
      <ChatPanel
        messages={call.chat}
        selfId={call.self?.userId ?? user.id}
        timeZone={user.timeZone}
        canSend={inRoom}
        onSend={call.sendChat}
        hasEarlier={call.chatHasMore}
        onLoadEarlier={call.loadEarlierChat}
      />
      {confirmEnd && (
        <EndVisitDialog
          otherName={otherName}
          busy={actions.busy}
          onCancel={() => setConfirmEnd(false)}
          onConfirm={() => {
            setConfirmEnd(false);
            actions.end();
          }}
        />
      )}
    </div>
  );
}
