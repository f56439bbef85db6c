import type { ReactNode } from 'react';
import type { Session } from 'next-auth';
import { useTranslations } from 'next-intl';
import { homeOf } from '@/lib/auth';
import { publicApiUrl } from '@/lib/config';
import { Brand } from '@/components/common/Brand';
import { HeaderNav } from '@/components/common/HeaderNav';
import { UserMenu } from '@/components/common/UserMenu';
import { SignedInProvider } from '@/components/auth/SignedInContext';

/**
 * One layout for every signed-in page: header with product, user, role and sign-out (behind the
 * person's initials on a phone, so the header keeps one line). A session from a visit link gets no
 * dashboard or history: its header leads to its visit and out.
 */
export function AppShell({ session, children }: { session: Session; children: ReactNode }) {
  const t = useTranslations('common');
  const { user } = session;
  // An empty signaling URL connects to the page's own origin (the signaling socket resolves `/signaling`
  // against it), so the call works at whatever address the browser opened, http or https.
  return (
    <SignedInProvider value={{ signalingUrl: publicApiUrl(), user }}>
      <header className="header">
        <div className="header-inner">
          <Brand href={homeOf(user)} />
          <HeaderNav role={user.role} visitSessionId={user.visit?.sessionId} />
          <UserMenu name={user.name} role={t(`roles.${user.role}`)} />
        </div>
      </header>
      <main className="main">{children}</main>
    </SignedInProvider>
  );
}
