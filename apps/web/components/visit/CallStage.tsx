'use client';

import type { RemotePeer } from '@telehealth/call-engine';
import type { Participant, Role } from '@telehealth/contracts';
import type { CallView } from '@/hooks/useCall';
import { emptyStageText, type VisitNames } from '@/lib/call-words';
import { tileLabel } from '@/lib/participants';
import { CallNotices } from '@/components/visit/CallNotices';
import { MediaVideo } from '@/components/visit/MediaVideo';

interface Props {
  call: CallView;
  localStream: MediaStream;
  viewer: Role;
  names: VisitNames;
  /** The doctor's Remove on a guest's tile (asked first by the caller); absent for everyone else. */
  onRemove?: (participant: Participant) => void;
}

function initials(name: string): string {
  const words = name
    .replace(/^(dr|mr|mrs|ms)\.?\s+/i, '')
    .split(/\s+/)
    .filter(Boolean);
  return words
    .slice(0, 2)
    .map((word) => word.charAt(0).toUpperCase())
    .join('');
}

/** What a tile shows in place of a picture (or over it while their connection recovers): their initials and why. */
function TilePlaceholder({ peer, name }: { peer: RemotePeer; name: string }) {
  return (
    <div className="tile-placeholder" data-over-picture={peer.connection === 'reconnecting' && peer.stream !== null}>
      <span className="tile-avatar" aria-hidden="true">
        {initials(name)}
      </span>
      {peer.connection === 'reconnecting' ? (
        <p>Reconnecting to {name}…</p>
      ) : !peer.media.video ? (
        <p data-testid="peer-camera-off">{name} turned their camera off.</p>
      ) : (
        <p>Connecting to {name}…</p>
      )}
    </div>
  );
}

/** One other person in the call: their picture (and voice), name and part, muted and camera-off tags, a lost connection. */
function PeerTile({ peer, speaking, onRemove }: { peer: RemotePeer; speaking: boolean; onRemove?: (participant: Participant) => void }) {
  const { participant, media, connection } = peer;
  const label = tileLabel(participant);
  const picture = peer.stream !== null && media.video && connection !== 'connecting';
  return (
    <div
      className="tile"
      data-testid="tile"
      data-peer-id={participant.userId}
      data-role={participant.role}
      data-guest-role={participant.guestRole}
      data-speaking={speaking}
      data-connection={connection}
    >
      {/* Always mounted while the person is in the call: it also plays their voice, picture or not. */}
      <MediaVideo
        stream={peer.stream}
        className="tile-video"
        aria-label={`Video of ${label.name}`}
        data-testid="remote-video"
        data-peer-id={participant.userId}
        style={{ visibility: picture ? 'visible' : 'hidden' }}
      />
      {(!picture || connection === 'reconnecting') && <TilePlaceholder peer={peer} name={label.name} />}
      <div className="tile-tags">
        {!media.audio && (
          <span className="tag" data-testid="peer-muted" aria-label={`${label.name} is muted`}>
            Muted
          </span>
        )}
        {!media.video && (
          <span className="tag tag-video-off" data-testid="peer-video-off">
            Camera off
          </span>
        )}
      </div>
      <div className="tile-caption">
        <span className="tile-name">{label.name}</span>
        {label.role && (
          <span className="tile-role">
            <span className="tile-sep"> · </span>
            {label.role}
          </span>
        )}
      </div>
      {onRemove && participant.role === 'GUEST' && (
        <button
          type="button"
          className="btn btn-small tile-remove"
          onClick={() => onRemove(participant)}
          aria-label={`Remove ${label.name} from the visit`}
          data-testid="remove-participant"
        >
          Remove
        </button>
      )}
    </div>
  );
}

/** This side's own picture: a corner of the stage, or the fourth tile once three others are in the call. */
function SelfTile({ call, localStream }: { call: CallView; localStream: MediaStream }) {
  return (
    <div className="self-view" data-testid="self-tile">
      {call.hasVideo && call.videoEnabled ? (
        <MediaVideo stream={localStream} muted className="mirror" aria-label="Your own video" data-testid="local-video" />
      ) : (
        <div className="self-off" data-testid="local-video-off">
          Your camera is off
        </div>
      )}
      <span className="self-label">You{call.audioEnabled ? '' : ' · Muted'}</span>
    </div>
  );
}

/**
 * The call's pictures as a grid that adapts to the people in it: one other person large (as a
 * two-person visit always was), two side by side (stacked on a phone), three in a 2×2 grid with
 * this side's own picture as the fourth tile; a sentence in their place while nobody else is there.
 */
export function CallStage({ call, localStream, viewer, names, onRemove }: Props) {
  const count = call.peers.length;
  return (
    <div className="stage" data-count={Math.min(count, 3)} data-testid="call-stage">
      {count === 0 ? (
        <div className="stage-empty">
          <p>{emptyStageText(call, viewer, names)}</p>
        </div>
      ) : (
        call.peers.map((peer) => (
          <PeerTile key={peer.participant.userId} peer={peer} speaking={call.speakerId === peer.participant.userId} onRemove={onRemove} />
        ))
      )}
      <SelfTile call={call} localStream={localStream} />
      <CallNotices notices={call.notices} />
    </div>
  );
}
