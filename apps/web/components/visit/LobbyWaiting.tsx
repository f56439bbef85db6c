'use client';

import type { CallView } from '@/hooks/useCall';
import { CallControls } from '@/components/visit/CallControls';
import { CallStatus } from '@/components/visit/CallStatus';
import { MediaVideo } from '@/components/visit/MediaVideo';

interface Props {
  call: CallView;
  localStream: MediaStream;
  doctorName: string;
  busy: boolean;
  onLeave: () => void;
}

/** A guest at the door: their own picture, and that the doctor lets them in (the page goes on into the call by itself). */
export function LobbyWaiting({ call, localStream, doctorName, busy, onLeave }: Props) {
  return (
    <section className="card lobby-waiting" aria-labelledby="lobby-waiting-title" data-testid="lobby-waiting">
      <CallStatus call={call} viewer="GUEST" />
      <div className="lobby-waiting-grid">
        <div className="preview lobby-self">
          {call.hasVideo && call.videoEnabled ? (
            <MediaVideo stream={localStream} muted className="mirror" aria-label="Your own video" data-testid="local-video" />
          ) : (
            <span data-testid="local-video-off">Your camera is off</span>
          )}
        </div>
        <div>
          <h1 id="lobby-waiting-title">Waiting for the doctor to let you in</h1>
          <p>{doctorName} will let you into the visit. Please stay on this page: the call starts by itself once you are in.</p>
          <p className="hint">Check your picture and sound meanwhile. Nobody sees or hears you until you are let in.</p>
          <CallControls call={call} isDoctor={false} busy={busy} inRoom={false} onLeave={onLeave} />
        </div>
      </div>
    </section>
  );
}
