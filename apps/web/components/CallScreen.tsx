'use client';

import { useEffect, useState } from 'react';
import type { AppointmentResponse } from '@telehealth/contracts';
import { useApiAction } from '@/hooks/useApiAction';
import { useCall } from '@/hooks/useCall';
import { CallStatus } from './CallStatus';
import { ChatPanel } from './ChatPanel';
import { ConfirmDialog } from './ConfirmDialog';
import { EndScreen } from './EndScreen';
import { MediaVideo } from './MediaVideo';
import type { SessionUser } from './SessionContext';

interface Props {
  appointment: AppointmentResponse;
  user: SessionUser;
  signalingUrl: string;
  localStream: MediaStream;
  onRejoin: () => void;
  /** Called once the call is over (ended or left), so the page can switch the camera off. */
  onFinished: () => void;
}

export function CallScreen({ appointment, user, signalingUrl, localStream, onRejoin, onFinished }: Props) {
  const call = useCall({ sessionId: appointment.sessionId, roomId: appointment.roomId, signalingUrl, localStream });
  const isDoctor = user.role === 'DOCTOR';
  const otherRole = isDoctor ? 'patient' : 'doctor';
  const otherName = isDoctor ? appointment.patient.name : appointment.doctor.name;
  const [confirmEnd, setConfirmEnd] = useState(false);
  const { busy, error: actionError, run } = useApiAction();
  const finished = call.state === 'ended' || call.state === 'left';

  useEffect(() => {
    if (finished) onFinished();
  }, [finished, onFinished]);

  if (call.state === 'ended' || call.state === 'left' || (call.state === 'failed' && call.errorCode !== null)) {
    return <EndScreen call={call} appointment={appointment} otherName={otherName} isDoctor={isDoctor} onRejoin={onRejoin} />;
  }

  const inRoom = ['waiting', 'connecting', 'connected', 'reconnecting', 'peer-left'].includes(call.state);
  const showRemote = call.state === 'connected' || call.state === 'reconnecting';
  const peerName = call.peer?.name ?? otherName;

  return (
    <div className="call" data-testid="call-screen">
      <div>
        <CallStatus call={call} otherRole={otherRole} />
        {actionError && (
          <div className="alert alert-error" role="alert" data-testid="call-action-error">
            {actionError}
          </div>
        )}
        <div className="stage">
          <MediaVideo
            stream={call.remoteStream}
            className="remote-video"
            aria-label={`Video of ${peerName}`}
            data-testid="remote-video"
            style={{ visibility: showRemote && call.peerMedia.video ? 'visible' : 'hidden' }}
          />
          {!(showRemote && call.peerMedia.video) && (
            <div className="stage-overlay">
              <div>
                {showRemote && !call.peerMedia.video ? (
                  <p data-testid="peer-camera-off">{peerName} turned their camera off.</p>
                ) : call.state === 'waiting' ? (
                  <p>{isDoctor ? `Waiting for ${otherName} to join.` : `${otherName} will join you shortly. Please stay on this page.`}</p>
                ) : call.state === 'peer-left' ? (
                  <p>{peerName} left. You can wait here in case they come back.</p>
                ) : call.state === 'failed' ? (
                  <p>{call.detail ?? 'The visit could not be joined.'}</p>
                ) : (
                  <p>Connecting…</p>
                )}
              </div>
            </div>
          )}
          {showRemote && (
            <div className="peer-tags">
              <span className="tag">{peerName}</span>
              {!call.peerMedia.audio && (
                <span className="tag" data-testid="peer-muted" aria-label={`${peerName} is muted`}>
                  Microphone muted
                </span>
              )}
              {!call.peerMedia.video && (
                <span className="tag" data-testid="peer-video-off">
                  Camera off
                </span>
              )}
            </div>
          )}
          <div className="self-view">
            {call.hasVideo && call.videoEnabled ? (
              <MediaVideo stream={localStream} muted className="mirror" aria-label="Your own video" data-testid="local-video" />
            ) : (
              <div className="self-off" data-testid="local-video-off">
                Your camera is off
              </div>
            )}
          </div>
        </div>
        <div className="controls" role="toolbar" aria-label="Call controls">
          <button
            type="button"
            className={`btn ${call.audioEnabled ? 'btn-secondary' : 'btn-danger'}`}
            onClick={call.toggleAudio}
            disabled={!call.hasAudio}
            aria-pressed={!call.audioEnabled}
            aria-label={call.audioEnabled ? 'Mute microphone' : 'Unmute microphone'}
            data-testid="toggle-mute"
          >
            {call.audioEnabled ? 'Mute' : 'Unmute'}
          </button>
          <button
            type="button"
            className={`btn ${call.videoEnabled ? 'btn-secondary' : 'btn-danger'}`}
            onClick={call.toggleVideo}
            disabled={!call.hasVideo}
            aria-pressed={!call.videoEnabled}
            aria-label={call.videoEnabled ? 'Turn camera off' : 'Turn camera on'}
            data-testid="toggle-camera"
          >
            {call.videoEnabled ? 'Camera off' : 'Camera on'}
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => void run(call.leave)}
            disabled={busy}
            aria-label="Leave the visit"
            data-testid="leave-call"
          >
            Leave
          </button>
          {isDoctor && (
            <button
              type="button"
              className="btn btn-danger"
              onClick={() => setConfirmEnd(true)}
              disabled={busy || !inRoom}
              aria-label="End the session for everyone"
              data-testid="end-session"
            >
              End session
            </button>
          )}
        </div>
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
        <ConfirmDialog
          title="End this visit for everyone?"
          confirmLabel="End session"
          cancelLabel="Keep talking"
          danger
          busy={busy}
          onCancel={() => setConfirmEnd(false)}
          onConfirm={() => {
            setConfirmEnd(false);
            void run(call.endSession);
          }}
          testId="end-session-dialog"
        >
          <p>The call stops for you and {otherName}, and the visit report is prepared. Nobody can rejoin afterwards.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
