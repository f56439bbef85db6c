'use client';

import { useTranslations } from 'next-intl';
import type { Role } from '@telehealth/contracts';
import type { CallView } from '@/hooks/useCall';
import { awayPeers } from '@/lib/call-view';
import { adaptiveNoticeText, deviceBlockedText, deviceHelpText, peerDroppedText } from '@/lib/call-words';
import { isUnavailable } from '@/lib/devices';

/** The blocked-device notice's id: the unavailable mute and camera buttons bring focus to it. */
export const BLOCKED_NOTICE_ID = 'device-blocked-notice';

interface Props {
  call: CallView;
  viewer: Role;
  doctorName: string;
  /** Back to the device check, staying in the visit (the call is left, not ended). */
  onBackToDeviceCheck: () => void;
}

/** A microphone or camera the browser would not give: who misses it, how to allow it, and the ways on. */
function DeviceBlockedNotice({ call, viewer, doctorName, onBackToDeviceCheck }: Props) {
  const t = useTranslations('call');
  const blocked = (
    [
      ['audio', call.microphoneStatus],
      ['video', call.cameraStatus],
    ] as const
  ).filter(([, status]) => isUnavailable(status));
  const first = blocked[0];
  if (!first) return null;
  return (
    <div className="alert alert-warn device-blocked" id={BLOCKED_NOTICE_ID} tabIndex={-1} role="alert" data-testid="device-blocked-notice">
      {blocked.map(([kind, status]) => (
        <p key={kind} className="device-blocked-line">
          {deviceBlockedText(t, kind, status, viewer, doctorName)}
        </p>
      ))}
      <p className="device-blocked-help">{deviceHelpText(t, first[1])}</p>
      <div className="actions">
        {blocked.map(([kind]) => (
          <button
            key={kind}
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => call.retryDevice(kind)}
            disabled={call.mediaBusy}
            data-testid={kind === 'audio' ? 'retry-microphone' : 'retry-camera'}
          >
            {blocked.length > 1 ? t(kind === 'audio' ? 'alerts.retryMicrophone' : 'alerts.retryCamera') : t('alerts.retry')}
          </button>
        ))}
        <button type="button" className="btn btn-ghost btn-small" onClick={onBackToDeviceCheck} data-testid="back-to-device-check">
          {t('alerts.backToDeviceCheck')}
        </button>
      </div>
    </div>
  );
}

/**
 * What needs saying over the call: a device that does not work, this side's video held back by a
 * weak connection, and someone else whose connection dropped (said by name: not this side's own).
 */
export function CallAlerts(props: Props) {
  const t = useTranslations('call');
  const { call } = props;
  const adaptive = call.videoEnabled ? adaptiveNoticeText(t, call.videoLevel) : null;
  return (
    <>
      <DeviceBlockedNotice {...props} />
      {adaptive && (
        <div className="alert alert-info" role="status" data-level={call.videoLevel} data-testid="adaptive-notice">
          {adaptive}
        </div>
      )}
      {awayPeers(call.peers).map((peer) => (
        <div
          key={peer.participant.userId}
          className="alert alert-warn"
          role="status"
          data-peer-id={peer.participant.userId}
          data-testid="peer-dropped-notice"
        >
          {peerDroppedText(t, peer.participant.name)}
        </div>
      ))}
    </>
  );
}
