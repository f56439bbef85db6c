'use client';

import type { AppointmentResponse } from '@telehealth/contracts';
import { useBrowserCan } from '@/hooks/useBrowserCan';
import type { DeviceStatus, LocalMedia } from '@/hooks/useLocalMedia';
import { useMicLevel } from '@/hooks/useMicLevel';
import { useNow } from '@/hooks/useNow';
import { useSpeakerTest } from '@/hooks/useSpeakerTest';
import { formatCountdown, formatDateTime, formatTime, isSameZonedDay } from '@/lib/time';
import { DeviceSelects } from '@/components/visit/DeviceSelects';
import { MediaVideo } from '@/components/visit/MediaVideo';

const CAMERA_TEXT: Record<DeviceStatus, string> = {
  pending: 'Asking for your camera…',
  ok: 'Your camera works.',
  denied:
    'Camera access is blocked. Allow the camera in your browser’s address bar (the camera icon), then press “Try again”. You can also join with audio only.',
  missing: 'No camera was found. Connect one and press “Try again”, or join with audio only.',
  busy: 'Your camera is in use by another app. Close that app and press “Try again”, or join with audio only.',
  unsupported: 'This browser cannot use a camera here. Use a current Chrome, Edge, Firefox or Safari over https.',
  error: 'The camera could not be started. Press “Try again”, or join with audio only.',
  off: 'Camera off: you join with audio only.',
};

const MIC_TEXT: Record<DeviceStatus, string> = {
  pending: 'Asking for your microphone…',
  ok: 'Your microphone works. Say something: the bar should move.',
  denied:
    'Microphone access is blocked. Allow the microphone in your browser’s address bar, then press “Try again”. Without it, the other side cannot hear you (chat still works).',
  missing: 'No microphone was found. Connect a headset or microphone and press “Try again”.',
  busy: 'Your microphone is in use by another app. Close that app and press “Try again”.',
  unsupported: 'This browser cannot use a microphone here. Use a current Chrome, Edge, Firefox or Safari over https.',
  error: 'The microphone could not be started. Press “Try again”.',
  off: 'Microphone off.',
};

function CheckLine({ status, text, testId }: { status: DeviceStatus; text: string; testId: string }) {
  const ok = status === 'ok' || status === 'off' ? 'true' : status === 'pending' ? undefined : 'false';
  return (
    <div className="check-line" data-testid={testId} data-status={status}>
      <span className="check-icon" data-ok={ok} aria-hidden="true">
        {ok === 'true' ? '✓' : ok === 'false' ? '!' : '…'}
      </span>
      <span>{text}</span>
    </div>
  );
}

interface Props {
  appointment: AppointmentResponse;
  /** Who the visit is with, as the line under the title names them. */
  withWhom: string;
  timeZone: string;
  media: LocalMedia;
  onJoin: () => void;
}

/** The speaker select's companion: a short tone through the chosen speaker. */
function SpeakerTest({ speakerId }: { speakerId: string | null }) {
  const { playing, play } = useSpeakerTest(speakerId);
  return (
    <div className="speaker-test">
      <button type="button" className="btn btn-secondary btn-small" onClick={play} disabled={playing} data-testid="speaker-test">
        {playing ? 'Playing a tone…' : 'Test speaker'}
      </button>
      <span className="hint">You should hear a short tone.</span>
    </div>
  );
}

/** Camera preview, device choices, live microphone meter and plain sentences about what does not work, before joining. */
export function DeviceCheck({ appointment, withWhom, timeZone, media, onJoin }: Props) {
  const level = useMicLevel(media.microphone === 'ok' ? media.stream : null);
  const can = useBrowserCan();
  const pending = media.camera === 'pending' || media.microphone === 'pending';
  const problem = (media.camera !== 'ok' && media.camera !== 'off') || media.microphone !== 'ok';
  const showVideo = media.camera === 'ok' && !media.audioOnly;
  // Someone who opened the clinic's link early lands here too: say when joining works.
  const now = useNow(30_000);
  const opensAt = Date.parse(appointment.joinOpensAt);
  const opensWhen = isSameZonedDay(appointment.joinOpensAt, new Date(now), timeZone)
    ? `at ${formatTime(appointment.joinOpensAt, timeZone)}`
    : formatDateTime(appointment.joinOpensAt, timeZone);

  return (
    <section className="card" aria-labelledby="device-check-title" data-testid="device-check">
      <div className="card-head">
        <h1 id="device-check-title" style={{ margin: 0 }}>
          Check your camera and microphone
        </h1>
      </div>
      <p className="hint">
        Visit with {withWhom} · {formatDateTime(appointment.startsAt, timeZone)}
        {/* A guest is not told the reason for the visit: the API leaves it blank for them. */}
        {appointment.reason ? ` · ${appointment.reason}` : ''}
      </p>
      {now < opensAt && (
        <div className="alert alert-info" data-testid="device-check-early">
          The visit opens {opensWhen} ({formatCountdown(opensAt - now)}). You can check your camera and microphone now, and join from then:
          this page, or the link in the clinic’s message, brings you back.
        </div>
      )}
      <div className="device-grid">
        <div className="preview">
          {showVideo ? (
            <MediaVideo
              stream={media.stream}
              muted
              className="mirror"
              aria-label="Your camera preview"
              data-testid="device-preview"
              tracksKey={media.chosen.camera ?? undefined}
            />
          ) : (
            <span>{media.audioOnly ? 'Audio only: your camera stays off.' : CAMERA_TEXT[media.camera]}</span>
          )}
        </div>
        <div>
          <CheckLine
            status={media.audioOnly ? 'off' : media.camera}
            text={media.audioOnly ? CAMERA_TEXT.off : CAMERA_TEXT[media.camera]}
            testId="camera-status"
          />
          <CheckLine status={media.microphone} text={MIC_TEXT[media.microphone]} testId="microphone-status" />
          <div className="field">
            <span className="label" id="mic-level-label">
              Microphone level
            </span>
            <div
              className="meter"
              role="meter"
              aria-labelledby="mic-level-label"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(level * 100)}
              data-testid="mic-level"
            >
              <div className="meter-fill" style={{ width: `${Math.round(level * 100)}%` }} />
            </div>
          </div>
          <DeviceSelects
            devices={media.devices}
            chosen={media.chosen}
            onChoose={media.choose}
            withSpeaker={can.chooseSpeaker}
            disabled={pending}
          />
          <SpeakerTest speakerId={media.chosen.speaker} />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={media.audioOnly}
              onChange={(e) => media.setAudioOnly(e.target.checked)}
              data-testid="audio-only"
            />
            Join with audio only (camera off)
          </label>
          <div className="actions">
            <button type="button" className="btn btn-primary" onClick={onJoin} disabled={pending} data-testid="join-visit">
              Join visit
            </button>
            {problem && !pending && (
              <button type="button" className="btn btn-secondary" onClick={media.retry} data-testid="device-retry">
                Try again
              </button>
            )}
          </div>
          {media.microphone !== 'ok' && !pending && (
            <p className="hint" style={{ marginTop: '0.75rem' }}>
              You can still join; the other side will not hear you until the microphone works.
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
