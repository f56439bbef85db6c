'use client';

import type { CallView } from '@/hooks/useCall';
import { MediaVideo } from '@/components/visit/MediaVideo';

interface Props {
  call: CallView;
  localStream: MediaStream;
  isDoctor: boolean;
  /** The other person's name from the appointment; the peer's own name wins once they are in. */
  otherName: string;
}

/** What the stage says while there is no picture of the other person. */
function StageMessage({ call, isDoctor, otherName, peerName }: Omit<Props, 'localStream'> & { peerName: string }) {
  const showRemote = call.state === 'connected' || call.state === 'reconnecting';
  if (showRemote && !call.peerMedia.video) return <p data-testid="peer-camera-off">{peerName} turned their camera off.</p>;
  switch (call.state) {
    case 'waiting':
      return <p>{isDoctor ? `Waiting for ${otherName} to join.` : `${otherName} will join you shortly. Please stay on this page.`}</p>;
    case 'peer-left':
      return <p>{peerName} left. You can wait here in case they come back.</p>;
    case 'failed':
      return <p>{call.detail ?? 'The visit could not be joined.'}</p>;
    default:
      return <p>Connecting…</p>;
  }
}

/** The muted and camera-off tags over the other person's picture. */
function PeerTags({ call, peerName }: { call: CallView; peerName: string }) {
  return (
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
  );
}

/** The other person's video (or a sentence in its place) and the self view. */
export function CallStage({ call, localStream, isDoctor, otherName }: Props) {
  const showRemote = call.state === 'connected' || call.state === 'reconnecting';
  const peerName = call.peer?.name ?? otherName;
  const picture = showRemote && call.peerMedia.video;
  return (
    <div className="stage">
      <MediaVideo
        stream={call.remoteStream}
        className="remote-video"
        aria-label={`Video of ${peerName}`}
        data-testid="remote-video"
        style={{ visibility: picture ? 'visible' : 'hidden' }}
      />
      {!picture && (
        <div className="stage-overlay">
          <div>
            <StageMessage call={call} isDoctor={isDoctor} otherName={otherName} peerName={peerName} />
          </div>
        </div>
      )}
      {showRemote && <PeerTags call={call} peerName={peerName} />}
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
  );
}
