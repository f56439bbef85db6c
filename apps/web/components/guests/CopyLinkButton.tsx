'use client';

import { useTranslations } from 'next-intl';
import { CopyButton } from '@/components/common/CopyButton';

/** "Copy link": a guest's (or an instant visit's patient's) link to the clipboard. */
export function CopyLinkButton({ link, name, testId = 'copy-guest-link' }: { link: string; name: string; testId?: string }) {
  const t = useTranslations('guests');
  const words = {
    button: t('copy.button'),
    label: t('copy.label', { name }),
    copied: t('copy.copied'),
    manual: t('copy.manual', { name }),
  };
  return <CopyButton value={link} words={words} testId={testId} fieldTestId="guest-link-text" />;
}
