import type { Metadata } from 'next';
import { Brand } from '@/components/common/Brand';
import { SignOutButton } from '@/components/auth/SignOutButton';

export const metadata: Metadata = { title: 'Sign out' };

export default function SignOutPage() {
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <Brand />
        <h1>Sign out</h1>
        <p>Sign out of Telehealth on this device?</p>
        <div className="actions">
          <SignOutButton />
          <a className="btn btn-ghost" href="/">
            Stay signed in
          </a>
        </div>
      </div>
    </div>
  );
}
