'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The header's way to the visit history, marked as the current page while there. */
export function HeaderNav() {
  const pathname = usePathname();
  const here = pathname === '/history' || pathname.startsWith('/history/');
  return (
    <nav className="header-nav" aria-label="Main">
      <Link className="header-link" href="/history" aria-current={here ? 'page' : undefined} data-testid="header-history">
        Past visits
      </Link>
    </nav>
  );
}
