import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Brand } from '@/components/common/Brand';
import { RegisterForm } from '@/components/auth/RegisterForm';
import { getSession, homeOf } from '@/lib/auth';

export const metadata: Metadata = { title: 'Create an account' };
export const dynamic = 'force-dynamic';

export default async function RegisterPage() {
  const session = await getSession();
  if (session) redirect(homeOf(session.user));
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <Brand href="/sign-in" />
        <h1>Create your patient account</h1>
        <p className="hint">Your doctor schedules visits with you; you join them from here.</p>
        <RegisterForm />
        <p className="auth-foot">
          Already have an account? <a href="/sign-in">Sign in</a>
        </p>
      </div>
    </div>
  );
}
