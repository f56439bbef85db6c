'use client';

import { useTranslations } from 'next-intl';
import { CopyButton } from '@/components/common/CopyButton';

/** "Copy code": the visit code, typed on /join, to the clipboard. */
export function CopyCodeButton({ code, name }: { code: string; name: string }) {
  const t = useTranslations('schedule');
  const words = {
    button: t('instant.copyCode.button'),
    label: t('instant.copyCode.label', { name }),
    copied: t('instant.copyCode.copied'),
    manual: t('instant.copyCode.manual', { name }),
  };
  return <CopyButton value={code} words={words} testId="instant-copy-code" />;
}
