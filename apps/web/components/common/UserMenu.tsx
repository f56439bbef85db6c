'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { initials } from '@/lib/initials';
import { SignOutButton } from '@/components/auth/SignOutButton';
import { LeaveCallLink } from '@/components/common/LeaveCallLink';

/**
 * Who is signed in, their profile (name, time zone, language), and Sign out. A wide header shows them in a row; a phone's shows the person's
 * initials, a button that opens them (Escape or a tap elsewhere closes), so the header keeps one line.
 */
export function UserMenu({ name, role }: { name: string; role: string }) {
  const t = useTranslations('common');
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const accountLabel = t('userMenu.account', { name, role });

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  return (
    <div className="header-user" ref={root} data-open={open}>
      <button
        ref={toggle}
        type="button"
        className="user-menu-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((now) => !now)}
        data-testid="user-menu"
      >
        <span className="user-initials" aria-hidden="true">
          {initials(name)}
        </span>
        <span className="visually-hidden">{accountLabel}</span>
      </button>
      <div id={panelId} className="user-menu-panel">
        <span className="user-name" data-testid="header-user-name">
          {name}
        </span>
        <span className="role-badge" data-testid="header-user-role">
          {role}
        </span>
        <LeaveCallLink href="/profile" className="btn btn-ghost btn-small" data-testid="header-profile">
          {t('userMenu.profile')}
        </LeaveCallLink>
        <SignOutButton />
      </div>
    </div>
  );
}
