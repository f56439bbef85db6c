'use client';

import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { Role } from '@telehealth/contracts';
import { LeaveCallLink as Link } from '@/components/common/LeaveCallLink';

/**
 * The header's ways around, the current page marked. Doctors and patients: their visit history.
 * Admins: the clinic overview, the clinic's visits as an admin sees them (/admin/visits, not the
 * parties' /history) and the staff. A visit-link session (`visitSessionId`): its one visit, which `/`
 * opens (the device check, or the record once the visit is over). In a call, each link asks first.
 */
export function HeaderNav({ role, visitSessionId }: { role: Role; visitSessionId?: string }) {
  const t = useTranslations('common');
  const pathname = usePathname();
  if (visitSessionId) {
    const id = encodeURIComponent(visitSessionId);
    const here = pathname === `/visit/${id}` || pathname === `/history/${id}`;
    return (
      <nav className="header-nav" aria-label={t('nav.label')}>
        <Link className="header-link" href="/" prefetch={false} aria-current={here ? 'page' : undefined} data-testid="header-your-visit">
          {t('nav.yourVisit')}
        </Link>
      </nav>
    );
  }
  if (role === 'ADMIN') {
    const onStaff = pathname === '/admin/staff' || pathname.startsWith('/admin/staff/');
    const onVisits = pathname === '/admin/visits' || pathname.startsWith('/admin/visits/');
    return (
      <nav className="header-nav" aria-label={t('nav.label')}>
        <Link className="header-link" href="/admin" aria-current={pathname === '/admin' ? 'page' : undefined} data-testid="header-overview">
          {t('nav.overview')}
        </Link>
        <Link className="header-link" href="/admin/visits" aria-current={onVisits ? 'page' : undefined} data-testid="header-visits">
          {t('nav.visits')}
        </Link>
        <Link className="header-link" href="/admin/staff" aria-current={onStaff ? 'page' : undefined} data-testid="header-staff">
          {t('nav.staff')}
        </Link>
      </nav>
    );
  }
  const here = pathname === '/history' || pathname.startsWith('/history/');
  return (
    <nav className="header-nav" aria-label={t('nav.label')}>
      <Link className="header-link" href="/history" aria-current={here ? 'page' : undefined} data-testid="header-history">
        {t('nav.history')}
      </Link>
    </nav>
  );
}
