import { redirect } from 'next/navigation';
import { getSession, homeFor } from '@/lib/auth';

export const dynamic = 'force-dynamic';

/** `/` sends each person to their own start page. */
export default async function Home() {
  const session = await getSession();
  redirect(session ? homeFor(session.user.role) : '/sign-in');
}
