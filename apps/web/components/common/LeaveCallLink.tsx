'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type ComponentProps, type MouseEvent } from 'react';
import { createPortal } from 'react-dom';
import { useCallInProgress } from '@/hooks/useLeaveGuard';
import { AppLink } from '@/components/common/AppLink';
import { ConfirmDialog } from '@/components/common/ConfirmDialog';

type Props = ComponentProps<typeof AppLink>;

/**
 * A header link that, while the page is in a call, asks "Leave the call?" before it goes: a click
 * on it must not drop the patient or the doctor out of the visit by accident. A link opened in a
 * new tab (Ctrl or Cmd, middle button) leaves nothing and is not asked about.
 */
export function LeaveCallLink({ href, onClick, ...rest }: Props) {
  const t = useTranslations('common');
  const inCall = useCallInProgress();
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const guard = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    const newTab = event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0;
    if (!inCall || newTab || event.defaultPrevented) return;
    event.preventDefault();
    setAsking(true);
  };
  return (
    <>
      <AppLink href={href} onClick={guard} {...rest} />
      {/* On the page's body, not inside the header's navigation. */}
      {asking &&
        createPortal(
          <ConfirmDialog
            title={t('leaveCall.title')}
            confirmLabel={t('leaveCall.confirm')}
            cancelLabel={t('leaveCall.cancel')}
            danger
            onCancel={() => setAsking(false)}
            onConfirm={() => {
              setAsking(false);
              router.push(href);
            }}
            testId="leave-call-dialog"
          >
            <p>{t('leaveCall.body')}</p>
          </ConfirmDialog>,
          document.body,
        )}
    </>
  );
}
