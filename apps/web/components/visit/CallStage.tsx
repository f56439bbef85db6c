'use client';

import { useTranslations } from 'next-intl';
import type { RemotePeer } from '@telehealth/call-engine';
import type { Participant, Role } from '@telehealth/contracts';
import type { CallView } from '@/hooks/useCall';
import { cameraIsOn, screenSharer } from '@/lib/call-view';
import { emptyStageText, peerVideoOffText, roleLabel, unavailableLabel, type CallWords, type VisitNames } from '@/lib/call-words';
import { initials } from '@/lib/initials';
import { CallNotices } from '@/components/visit/CallNotices';
import { MediaVideo } from '@/components/visit/MediaVideo';

interface Props {
  call: CallView;
  localStream: MediaStream;
  viewer: Role;
  names: VisitNames;
  /** The doctor's Remove on a guest's tile (asked first by the caller); absent for everyone else. */
  onRemove?: (participant: Participant) => void;
  /** The visit was booked as an audio call: a camera that is off is how it was meant, not news. */
  audioCall: boolean;
}

/** Why the picture is missing, in a sentence: dropped, reconnecting, camera off (and why), or still connecting. */
function PlaceholderText({ peer, name, audioCall }: { peer: RemotePeer; name: string; audioCall: boolean }) {
  const t = useTranslations('call');
  // The notice above the stage says it in full; the tile only marks whose connection it is.
  if (peer.away) return <p>{t('tile.connectionDropped')}</p>;
  // Not "connecting…" forever: this side's TURN credentials were refused, so a call that must go through it cannot.
  if (peer.relayRefused && peer.connection !== 'connected')
    return (
      <p role="alert" data-testid="relay-refused">
        {t('tile.relayRefused', { name })}
      </p>
    );
  if (peer.connection === 'reconnecting') return <p>{t('tile.reconnectingTo', { name })}</p>;
  if (!peer.media.video) {
    const { testId, text } = peerVideoOffText(t, name, peer.media, audioCall);
    return <p data-testid={testId}>{text}</p>;
  }
  return <p>{t('tile.connectingTo', { name })}</p>;
}

/** What a tile shows in place of a picture (or over it while their connection recovers): their initials and why. */
function TilePlaceholder({ peer, name, audioCall }: { peer: RemotePeer; name: string; audioCall: boolean }) {
  const recovering = peer.away || peer.connection === 'reconnecting';
  return (
    <div className="tile-placeholder" data-over-picture={recovering && peer.stream !== null}>
      <span className="tile-avatar" aria-hidden="true">
        {initials(name)}
      </span>
      <PlaceholderText peer={peer} name={name} audioCall={audioCall} />
    </div>
  );
}

/** Their microphone and camera in short tags: muted by them, or unavailable (not the same thing to the others). */
function TileTags({ peer, name, audioCall }: { peer: RemotePeer; name: string; audioCall: boolean }) {
  const t = useTranslations('call');
  const { media } = peer;
  return (
    <div className="tile-tags">
      {!media.audio &&
        (media.audioOff === 'device' ? (
          <span className="tag tag-warn" data-testid="peer-mic-unavailable">
            {t('tile.microphoneUnavailable')}
          </span>
        ) : (
          <span className="tag" data-testid="peer-muted" aria-label={t('tile.mutedLabel', { name })}>
            {t('tile.muted')}
          </span>
        ))}
      {!media.video && !audioCall && media.videoOff !== 'device' && media.videoOff !== 'network' && (
        <span className="tag tag-video-off" data-testid="peer-video-off">
          {t('tile.cameraOff')}
        </span>
      )}
      {peer.screen && <span className="tag">{t('tile.sharing')}</span>}
    </div>
  );
}

/**
 * One other person in the call: their picture (and voice), name and part, muted and camera-off tags,
 * a lost connection. While they share a screen, the screen fills the tile and their camera sits small in a corner.
 */
function PeerTile({
  peer,
  speaking,
  onRemove,
  audioCall,
}: {
  peer: RemotePeer;
  speaking: boolean;
  onRemove?: (participant: Participant) => void;
  audioCall: boolean;
}) {
  const t = useTranslations('call');
  const { participant, media, connection } = peer;
  const label = { name: participant.name, role: roleLabel(t, participant) };
  const picture = peer.stream !== null && media.video && connection !== 'connecting';
  const sharing = peer.screen !== null;
  const recovering = peer.away || connection === 'reconnecting';
  return (
    <div
      className="tile"
      data-testid="tile"
      data-peer-id={participant.userId}
      data-role={participant.role}
      data-guest-role={participant.guestRole}
      data-speaking={speaking}
      data-connection={connection}
      data-sharing={sharing}
    >
      {sharing && (
        <MediaVideo
          stream={peer.screen}
          muted
          className="tile-screen"
          aria-label={t('tile.screenOf', { name: label.name })}
          data-testid="remote-screen"
          data-peer-id={participant.userId}
        />
      )}
      {/* Always mounted while the person is in the call: it also plays their voice, picture or not. */}
      <div className={sharing ? 'tile-pip' : 'tile-camera'} data-picture={picture}>
        <MediaVideo
          stream={peer.stream}
          className="tile-video"
          aria-label={t('tile.videoOf', { name: label.name })}
          data-testid="remote-video"
          data-peer-id={participant.userId}
          style={{ visibility: picture ? 'visible' : 'hidden' }}
        />
      </div>
      {(sharing ? recovering : !picture || recovering) && <TilePlaceholder peer={peer} name={label.name} audioCall={audioCall} />}
      <TileTags peer={peer} name={label.name} audioCall={audioCall} />
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
          aria-label={t('tile.removeLabel', { name: label.name })}
          data-testid="remove-participant"
        >
          {t('tile.remove')}
        </button>
      )}
    </div>
  );
}

/** "Muted" for a person's own mute; a microphone the browser would not give is said as such; null when on. */
function selfAudioWords(t: CallWords, call: CallView): string | null {
  if (!call.hasAudio) return unavailableLabel(t, 'audio', call.microphoneStatus);
  return call.audioEnabled ? null : t('self.muted');
}

/** This side's own picture: a corner of the stage, or the fourth tile once three others are in the call. */
function SelfTile({ call, localStream }: { call: CallView; localStream: MediaStream }) {
  const t = useTranslations('call');
  const paused = call.videoEnabled && call.ownMedia !== null && !call.ownMedia.video && cameraIsOn(call.ownMedia);
  return (
    <div className="self-view" data-testid="self-tile">
      {call.hasVideo && call.videoEnabled ? (
        <MediaVideo
          stream={localStream}
          muted
          className="mirror"
          aria-label={t('self.video')}
          data-testid="local-video"
          tracksKey={call.tracksKey}
        />
      ) : (
        <div className="self-off" data-testid="local-video-off">
          {t('self.cameraOff')}
        </div>
      )}
      {/* "You · Muted · Video paused": short labels side by side, not a sentence. */}
      <span className="self-label">
        {[t('self.you'), selfAudioWords(t, call), paused ? t('self.videoPaused') : null].filter(Boolean).join(' · ')}
      </span>
    </div>
  );
}

/** While this side shares its screen: a small preview, so the person sees what the others see. */
function OwnScreenPreview({ screen }: { screen: MediaStream }) {
  const t = useTranslations('call');
  return (
    <div className="own-screen" data-testid="own-screen-preview">
      <MediaVideo stream={screen} muted aria-label={t('self.screen')} data-testid="local-screen" />
      <span className="own-screen-label">{t('self.sharing')}</span>
    </div>
  );
}

/**
 * The call's pictures as a grid that adapts to the people in it: one other person large (as a
 * two-person visit always was), two side by side (stacked on a phone), three in a 2×2 grid with
 * this side's own picture as the fourth tile; a sentence in their place while nobody else is there.
 */
export function CallStage({ call, localStream, viewer, names, onRemove, audioCall }: Props) {
  const t = useTranslations('call');
  const common = useTranslations('common');
  const count = call.peers.length;
  const sharer = screenSharer(call.peers);
  return (
    <div className="stage" data-count={Math.min(count, 3)} data-sharing={sharer !== null} data-testid="call-stage">
      {count === 0 ? (
        <div className="stage-empty">
          <p>{emptyStageText(t, common, call, viewer, names)}</p>
        </div>
      ) : (
        call.peers.map((peer) => (
          <PeerTile
            key={peer.participant.userId}
            peer={sharer === peer ? peer : { ...peer, screen: sharer ? null : peer.screen }}
            speaking={call.speakerId === peer.participant.userId}
            onRemove={onRemove}
            audioCall={audioCall}
          />
        ))
      )}
      <SelfTile call={call} localStream={localStream} />
      {call.screen && <OwnScreenPreview screen={call.screen} />}
      <CallNotices notices={call.notices} />
    </div>
  );
}
