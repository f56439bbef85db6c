'use client';

import { useTranslations } from 'next-intl';
import type { CallNotice } from '@/lib/call-view';
import { noticeText } from '@/lib/call-words';

/**
 * Who just joined or left the call, and in which part ("Ana Ruiz (interpreter) joined the call"),
 * over the top of the pictures so they do not jump: a polite live region that is always on the
 * page, so screen readers announce each line as it comes.
 */
export function CallNotices({ notices }: { notices: CallNotice[] }) {
  const t = useTranslations('call');
  return (
    <div className="call-notices" role="status" aria-live="polite" data-empty={notices.length === 0} data-testid="call-notices">
      {notices.map((notice) => (
        <p key={notice.id} className="call-notice" data-kind={notice.kind} data-testid="call-notice">
          {noticeText(t, notice)}
        </p>
      ))}
    </div>
  );
}
