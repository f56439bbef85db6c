'use client';

import { useTranslations } from 'next-intl';
import type { CallMedia } from '@telehealth/contracts';

/** "Audio call" beside a visit in a list; a video call, the usual kind, carries no tag. */
export function CallMediaTag({ media }: { media: CallMedia }) {
  const t = useTranslations('schedule');
  if (media !== 'audio') return null;
  return (
    <span className="status status-audio" data-testid="audio-call-tag">
      {t('media.audio')}
    </span>
  );
}
