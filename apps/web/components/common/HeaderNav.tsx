'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { Role } from '@telehealth/contracts';

/**
 * The header's way to the visit history, marked as the current page while there. Not for an
 * admin: the clinic's visits are the doctors' and patients' records, and an admin's page is the overview.
 */
export function HeaderNav({ role }: { role: Role }) {
  const pathname = usePathname();
  if (role === 'ADMIN') return <nav className="header-nav" aria-label="Main" />;
  const here = pathname === '/history' || pathname.startsWith('/history/');
  return (
    <nav className="header-nav" aria-label="Main">
      <Link className="header-link" href="/history" aria-current={here ? 'page' : undefined} data-testid="header-history">
        Past visits
      </Link>
    </nav>
  );
}
