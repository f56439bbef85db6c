import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PageTitle } from '@/components/common/PageTitle';
import { VisitHistory, type HistoryView } from '@/components/history/VisitHistory';
import { getSession } from '@/lib/auth';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: t('pages.history.title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

function one(value: string | string[] | undefined): string {
  return typeof value === 'string' ? value : '';
}

export default async function HistoryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [params, session, t] = await Promise.all([searchParams, getSession(), getTranslations('common')]);
  // A visit-link session has one visit: its record is its whole history.
  if (session?.user.visit) redirect(`/history/${encodeURIComponent(session.user.visit.sessionId)}`);
  const subtitle = session?.user.role === 'DOCTOR' ? t('pages.history.subtitleDoctor') : t('pages.history.subtitlePatient');
  const page = Number.parseInt(one(params.page), 10);
  const initial: HistoryView = {
    from: one(params.from),
    to: one(params.to),
    withUserId: one(params.with),
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
  return (
    <>
      <PageTitle title={t('pages.history.title')} subtitle={subtitle} />
      <VisitHistory initial={initial} />
    </>
  );
}
