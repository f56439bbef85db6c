'use client';

import { useEffect } from 'react';
import { useTranslations } from 'next-intl';
import type { AppointmentResponse } from '@telehealth/contracts';
import { useBrowserCan } from '@/hooks/useBrowserCan';
import type { DeviceStatus, LocalMedia } from '@/hooks/useLocalMedia';
import { useMicLevel } from '@/hooks/useMicLevel';
import { useNow } from '@/hooks/useNow';
import { useSpeakerTest } from '@/hooks/useSpeakerTest';
import { formatCountdown, formatDateTime, formatTime, isSameZonedDay } from '@/lib/time';
import { DeviceSelects } from '@/components/visit/DeviceSelects';
import { MediaVideo } from '@/components/visit/MediaVideo';

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
  const t = useTranslations('call');
  const { playing, play } = useSpeakerTest(speakerId);
  return (
    <div className="speaker-test">
      <button type="button" className="btn btn-secondary btn-small" onClick={play} disabled={playing} data-testid="speaker-test">
        {playing ? t('deviceCheck.playingTone') : t('deviceCheck.testSpeaker')}
      </button>
      <span className="hint">{t('deviceCheck.toneHint')}</span>
    </div>
  );
}

/** Camera preview, device choices, live microphone meter and plain sentences about what does not work, before joining. */
export function DeviceCheck({ appointment, withWhom, timeZone, media, onJoin }: Props) {
  const t = useTranslations('call');
  // The devices are asked for once the visit says its kind of call: an audio call starts with the camera off.
  const { startWith } = media;
  useEffect(() => startWith(appointment.media), [startWith, appointment.media]);
  const level = useMicLevel(media.microphone === 'ok' ? media.stream : null);
  const can = useBrowserCan();
  const pending = media.camera === 'pending' || media.microphone === 'pending';
  const problem = (media.camera !== 'ok' && media.camera !== 'off') || media.microphone !== 'ok';
  const showVideo = media.camera === 'ok' && !media.audioOnly;
  // Someone who opened the clinic's link early lands here too: say when joining works.
  const now = useNow(30_000);
  const opensAt = Date.parse(appointment.joinOpensAt);
  const countdown = formatCountdown(opensAt - now);
  const early = isSameZonedDay(appointment.joinOpensAt, new Date(now), timeZone)
    ? t('deviceCheck.earlyToday', { time: formatTime(appointment.joinOpensAt, timeZone), countdown })
    : t('deviceCheck.earlyOtherDay', { when: formatDateTime(appointment.joinOpensAt, timeZone), countdown });
  const cameraText = t(`deviceCheck.camera.${media.camera}`);

  return (
    <section className="card" aria-labelledby="device-check-title" data-testid="device-check">
      <div className="card-head">
        <h1 id="device-check-title" style={{ margin: 0 }}>
          {t('deviceCheck.title')}
        </h1>
      </div>
      <p className="hint">
        {t('deviceCheck.visitWith', { withWhom, when: formatDateTime(appointment.startsAt, timeZone) })}
        {/* A guest is not told the reason for the visit: the API leaves it blank for them. */}
        {appointment.reason ? ` · ${appointment.reason}` : ''}
      </p>
      {appointment.media === 'audio' && (
        <p className="alert alert-info" data-testid="audio-call-notice">
          {t('deviceCheck.audioCall')}
        </p>
      )}
      {now < opensAt && (
        <div className="alert alert-info" data-testid="device-check-early">
          {early}
        </div>
      )}
      <div className="device-grid">
        <div className="preview">
          {showVideo ? (
            <MediaVideo
              stream={media.stream}
              muted
              className="mirror"
              aria-label={t('deviceCheck.preview')}
              data-testid="device-preview"
              tracksKey={media.chosen.camera ?? undefined}
            />
          ) : (
            <span>{media.audioOnly ? t('deviceCheck.audioOnlyPreview') : cameraText}</span>
          )}
        </div>
        <div>
          <CheckLine
            status={media.audioOnly ? 'off' : media.camera}
            text={media.audioOnly ? t('deviceCheck.camera.off') : cameraText}
            testId="camera-status"
          />
          <CheckLine status={media.microphone} text={t(`deviceCheck.microphone.${media.microphone}`)} testId="microphone-status" />
          <div className="field">
            <span className="label" id="mic-level-label">
              {t('deviceCheck.micLevel')}
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
            {t('deviceCheck.audioOnly')}
          </label>
          <div className="actions">
            <button type="button" className="btn btn-primary" onClick={onJoin} disabled={pending} data-testid="join-visit">
              {t('deviceCheck.join')}
            </button>
            {problem && !pending && (
              <button type="button" className="btn btn-secondary" onClick={media.retry} data-testid="device-retry">
                {t('deviceCheck.retry')}
              </button>
            )}
          </div>
          {media.microphone !== 'ok' && !pending && (
            <p className="hint" style={{ marginTop: '0.75rem' }}>
              {t('deviceCheck.noMicrophoneHint')}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
