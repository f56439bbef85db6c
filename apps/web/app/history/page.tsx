import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { PageTitle } from '@/components/common/PageTitle';
import { VisitHistory, type HistoryView } from '@/components/history/VisitHistory';
import { getSession } from '@/lib/auth';

export const metadata: Metadata = { title: 'Past visits' };

type SearchParams = Record<string, string | string[] | undefined>;

function one(value: string | string[] | undefined): string {
  return typeof value === 'string' ? value : '';
}

export default async function HistoryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [params, session] = await Promise.all([searchParams, getSession()]);
  // A visit-link session has one visit: its record is its whole history.
  if (session?.user.visit) redirect(`/history/${encodeURIComponent(session.user.visit.sessionId)}`);
  const subtitle =
    session?.user.role === 'DOCTOR'
      ? 'Visits that are over: what happened, the chat, the report and your notes.'
      : 'Visits that are over: what happened, the chat and your report.';
  const page = Number.parseInt(one(params.page), 10);
  const initial: HistoryView = {
    from: one(params.from),
    to: one(params.to),
    withUserId: one(params.with),
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
  return (
    <>
      <PageTitle title="Past visits" subtitle={subtitle} />
      <VisitHistory initial={initial} />
    </>
  );
}
