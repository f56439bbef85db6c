import { redirect } from 'next/navigation';
import { getSession, homeFor, visitLinkHome } from '@/lib/auth';

export const dynamic = 'force-dynamic';

/** `/` sends each person to their own start page; a visit-link session to its visit (or, once over, its record). */
export default async function Home() {
  const session = await getSession();
  if (!session) redirect('/sign-in');
  const { visit, role } = session.user;
  redirect(visit ? await visitLinkHome(visit, role) : homeFor(role));
}
