import { useTranslations } from 'next-intl';
import { LeaveCallLink as Link } from '@/components/common/LeaveCallLink';

/**
 * The product's name, home: in a call it asks before leaving, like every header link. On a narrow
 * header only the mark shows (the link keeps its name for screen readers).
 */
export function Brand({ href = '/' }: { href?: string }) {
  const t = useTranslations('common');
  return (
    <Link href={href} className="brand" aria-label={t('brand.home')}>
      <span className="brand-mark" aria-hidden="true">
        +
      </span>
      <span className="brand-name">{t('brand.name')}</span>
    </Link>
  );
}
