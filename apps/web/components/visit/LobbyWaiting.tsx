'use client';

import { useTranslations } from 'next-intl';
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
  const t = useTranslations('call');
  return (
    <section className="card lobby-waiting" aria-labelledby="lobby-waiting-title" data-testid="lobby-waiting">
      <CallStatus call={call} viewer="GUEST" />
      <div className="lobby-waiting-grid">
        <div className="preview lobby-self">
          {call.hasVideo && call.videoEnabled ? (
            <MediaVideo stream={localStream} muted className="mirror" aria-label={t('self.video')} data-testid="local-video" />
          ) : (
            <span data-testid="local-video-off">{t('self.cameraOff')}</span>
          )}
        </div>
        <div>
          <h1 id="lobby-waiting-title">{t('lobbyWaiting.title')}</h1>
          <p>{t('lobbyWaiting.text', { doctor: doctorName })}</p>
          <p className="hint">{t('lobbyWaiting.hint')}</p>
          <CallControls call={call} isDoctor={false} busy={busy} inRoom={false} onLeave={onLeave} />
        </div>
      </div>
    </section>
  );
}
