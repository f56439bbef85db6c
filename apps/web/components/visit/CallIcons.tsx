import type { ReactNode } from 'react';

/** Small line icons for the call's buttons; decorative: each button says its action in words. */

function Icon({ children, crossed }: { children: ReactNode; crossed?: boolean }) {
  return (
    <svg className="btn-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <g fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        {children}
        {crossed && <path d="M3 3l18 18" />}
      </g>
    </svg>
  );
}

export function MicrophoneIcon({ crossed }: { crossed?: boolean }) {
  return (
    <Icon crossed={crossed}>
      <rect x="9" y="3" width="6" height="11" rx="3" />
      <path d="M5 11a7 7 0 0 0 14 0M12 18v3" />
    </Icon>
  );
}

export function CameraIcon({ crossed }: { crossed?: boolean }) {
  return (
    <Icon crossed={crossed}>
      <rect x="3" y="6" width="13" height="12" rx="2" />
      <path d="M16 10l5-3v10l-5-3" />
    </Icon>
  );
}

export function ScreenIcon() {
  return (
    <Icon>
      <rect x="3" y="4" width="18" height="12" rx="2" />
      <path d="M8 20h8M12 16v4" />
    </Icon>
  );
}

export function SettingsIcon() {
  return (
    <Icon>
      <circle cx="12" cy="12" r="3" />
      <path d="M12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1" />
    </Icon>
  );
}
