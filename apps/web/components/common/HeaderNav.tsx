'use client';

import { usePathname } from 'next/navigation';
import type { Role } from '@telehealth/contracts';
import { LeaveCallLink as Link } from '@/components/common/LeaveCallLink';

/**
 * The header's ways around, the current page marked. Doctors and patients: their visit history.
 * Admins: the clinic overview, the clinic's visits as an admin sees them (/admin/visits, not the
 * parties' /history) and the staff. A visit-link session (`visitSessionId`): its one visit, which `/`
 * opens (the device check, or the record once the visit is over). In a call, each link asks first.
 */
export function HeaderNav({ role, visitSessionId }: { role: Role; visitSessionId?: string }) {
  const pathname = usePathname();
  if (visitSessionId) {
    const id = encodeURIComponent(visitSessionId);
    const here = pathname === `/visit/${id}` || pathname === `/history/${id}`;
    return (
      <nav className="header-nav" aria-label="Main">
        <Link className="header-link" href="/" prefetch={false} aria-current={here ? 'page' : undefined} data-testid="header-your-visit">
          Your visit
        </Link>
      </nav>
    );
  }
  if (role === 'ADMIN') {
    const onStaff = pathname === '/admin/staff' || pathname.startsWith('/admin/staff/');
    const onVisits = pathname === '/admin/visits' || pathname.startsWith('/admin/visits/');
    return (
      <nav className="header-nav" aria-label="Main">
        <Link className="header-link" href="/admin" aria-current={pathname === '/admin' ? 'page' : undefined} data-testid="header-overview">
          Clinic overview
        </Link>
        <Link className="header-link" href="/admin/visits" aria-current={onVisits ? 'page' : undefined} data-testid="header-visits">
          Visits
        </Link>
        <Link className="header-link" href="/admin/staff" aria-current={onStaff ? 'page' : undefined} data-testid="header-staff">
          Staff
        </Link>
      </nav>
    );
  }
  const here = pathname === '/history' || pathname.startsWith('/history/');
  return (
    <nav className="header-nav" aria-label="Main">
      <Link className="header-link" href="/history" aria-current={here ? 'page' : undefined} data-testid="header-history">
        Past visits
      </Link>
    </nav>
  );
}
