import { DEFAULT_LANGUAGE, type Language } from '@telehealth/contracts';
import { translator } from '../../i18n/translator';

/** What happened in the call, in words: "Video paused for Sam Lee: poor connection.", "Dr. Ana Ruiz started sharing their screen." */
export function inCallSentence(
  type: 'VIDEO_OFF' | 'VIDEO_ON' | 'SCREEN_SHARE_STARTED' | 'SCREEN_SHARE_STOPPED' | 'CALL_VERIFIED',
  name: string,
  detail: Record<string, string> | null,
  nameOf: (userId: string | null) => string,
  language: Language = DEFAULT_LANGUAGE,
): string {
  const t = translator('report', language);
  const cause = detail?.cause;
  switch (type) {
    case 'VIDEO_OFF':
      if (cause === 'network') return t('inCall.videoPausedNetwork', { name });
      if (cause === 'device') return t('inCall.videoStoppedDevice', { name });
      return detail?.atJoin === 'true' ? t('inCall.joinedAudioOnly', { name }) : t('inCall.cameraOff', { name });
    case 'VIDEO_ON':
      if (cause === 'network') return t('inCall.videoResumedNetwork', { name });
      if (cause === 'device') return t('inCall.videoResumedDevice', { name });
      return t('inCall.cameraOn', { name });
    case 'SCREEN_SHARE_STARTED':
      return t('inCall.screenShareStarted', { name });
    case 'SCREEN_SHARE_STOPPED':
      return t('inCall.screenShareStopped', { name });
    case 'CALL_VERIFIED':
      return t('inCall.callVerified', { name, code: detail?.code ?? '', peer: nameOf(detail?.peer ?? null) });
  }
}
