'use client';

import type { CallView } from '@/hooks/useCall';
import { useNow } from '@/hooks/useNow';
import { formatElapsed } from '@/lib/time';

const QUALITY_LABEL = {
  good: 'Good connection',
  fair: 'Fair connection',
  poor: 'Poor connection',
  unknown: 'Measuring connection…',
} as const;

/** The call's state in plain words, always visible. */
export function callStateText(call: CallView, otherRole: string, now: number): string {
  const other = call.peer?.name ?? call.lastPeer?.name;
  switch (call.state) {
    case 'joining':
      return 'Joining the visit…';
    case 'waiting': {
      const elapsed = call.waitingSince ? ` (${formatElapsed(now - call.waitingSince)})` : '';
      return `Waiting for your ${otherRole}…${elapsed}`;
    }
    case 'connecting':
      return 'Connecting…';
    case 'connected':
      return 'Connected';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'peer-left':
      return `${other ?? `Your ${otherRole}`} left the visit`;
    case 'ended':
      return 'The visit has ended';
    case 'left':
      return 'You left the visit';
    case 'failed':
      return call.detail ?? 'The visit could not be joined.';
  }
}

export function CallStatus({ call, otherRole }: { call: CallView; otherRole: string }) {
  const now = useNow(1000);
  const quality = call.quality;
  return (
    <div className="call-state" data-state={call.state} role="status" aria-live="polite">
      <span data-testid="call-state" data-state={call.state}>
        {callStateText(call, otherRole, now)}
      </span>
      {call.state === 'connected' && quality && (
        <span className="quality" data-testid="call-quality" data-level={quality.level}>
          · {QUALITY_LABEL[quality.level]}
          {quality.rttMs !== undefined ? ` (${Math.round(quality.rttMs)} ms)` : ''}
        </span>
      )}
      {call.state === 'reconnecting' && <span className="quality">· Hold on, we are restoring the connection.</span>}
      {call.state === 'peer-left' && <span className="quality">· They can rejoin; stay on this page to wait.</span>}
    </div>
  );
}
