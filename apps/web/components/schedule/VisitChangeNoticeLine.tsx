'use client';

import type { VisitChangeNotice } from '@/hooks/useVisitUpdates';
import { formatTime } from '@/lib/time';

/** "10:32 AM · The visit with Tom Becker on … was cancelled.": announced as it arrives; the region is always there so it is. */
export function VisitChangeNoticeLine({ notice, timeZone }: { notice: VisitChangeNotice | null; timeZone: string }) {
  return (
    <div role="status" aria-live="polite" data-testid="visit-change-notice">
      {notice && (
        <p className="alert alert-info" key={notice.at}>
          <span className="notice-time">{formatTime(new Date(notice.at).toISOString(), timeZone)}</span> · {notice.text}
        </p>
      )}
    </div>
  );
}
