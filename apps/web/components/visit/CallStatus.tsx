'use client';

import { useTranslations } from 'next-intl';
import type { Role } from '@telehealth/contracts';
import type { CallView } from '@/hooks/useCall';
import { useNow } from '@/hooks/useNow';
import { callStateAnnouncement, callStateHint, callStateText } from '@/lib/call-words';

/**
 * The call's state in plain words, always visible (the worst connection of everyone in the call beside it).
 * The line itself ticks (the waiting time, the round trip), so it is not a live region: a hidden one beside
 * it says each new state once, without the clock.
 */
export function CallStatus({ call, viewer }: { call: CallView; viewer: Role }) {
  const t = useTranslations('call');
  const common = useTranslations('common');
  const now = useNow(1000);
  const quality = call.quality;
  const hint = callStateHint(t, call);
  const announcement = callStateAnnouncement(t, common, call, viewer);
  const qualityLabel = quality ? t(`quality.${quality.level}`) : null;
  return (
    <div className="call-state" data-state={call.state} data-online={call.online}>
      <span data-testid="call-state" data-state={call.state}>
        {callStateText(t, common, call, viewer, now)}
      </span>
      <span className="visually-hidden" role="status" aria-live="polite" data-testid="call-state-announcement">
        {announcement}
        {hint && ` · ${hint}`}
      </span>
      {call.state === 'connected' && quality && qualityLabel && (
        <span className="quality" data-testid="call-quality" data-level={quality.level}>
          ·{' '}
          {quality.rttMs !== undefined
            ? t('quality.withRoundTrip', { quality: qualityLabel, ms: Math.round(quality.rttMs) })
            : qualityLabel}
        </span>
      )}
      {hint && <span className="quality">· {hint}</span>}
    </div>
  );
}
