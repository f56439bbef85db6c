import type { Metadata } from 'next';
import { Brand } from '@/components/common/Brand';
import { ForgotPasswordForm } from '@/components/auth/ForgotPasswordForm';

export const metadata: Metadata = { title: 'Forgot password' };
export const dynamic = 'force-dynamic';

export default function ForgotPasswordPage() {
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <Brand href="/sign-in" />
        <h1>Forgot your password?</h1>
        <p className="hint">Enter the email you sign in with. If it has an account, we email it a link to set a new password.</p>
        <ForgotPasswordForm />
        <p className="auth-foot">
          Remembered it? <a href="/sign-in">Sign in</a>
        </p>
      </div>
    </div>
  );
}
