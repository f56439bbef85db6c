import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CLINIC_VISIT_PHASES, APPOINTMENT_STATUSES, type AppointmentStatus, type ClinicVisitPhase } from '@telehealth/contracts';
import { ClinicVisits, type ClinicVisitsView } from '@/components/admin/ClinicVisits';
import { PageTitle } from '@/components/common/PageTitle';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: t('pages.clinicVisits.title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

function one(value: string | string[] | undefined): string {
  return typeof value === 'string' ? value : '';
}

function oneOf<T extends string>(value: string, allowed: readonly T[]): T | '' {
  return (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

/** The clinic's visits for its admin, with the filters the address carries (so Back from a visit keeps them). */
export default async function ClinicVisitsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [params, t] = await Promise.all([searchParams, getTranslations('common')]);
  const page = Number.parseInt(one(params.page), 10);
  const initial: ClinicVisitsView = {
    phase: oneOf<ClinicVisitPhase>(one(params.phase), CLINIC_VISIT_PHASES),
    from: one(params.from),
    to: one(params.to),
    doctorId: one(params.doctorId),
    status: oneOf<AppointmentStatus>(one(params.status), APPOINTMENT_STATUSES),
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
  return (
    <>
      <PageTitle title={t('pages.clinicVisits.title')} subtitle={t('pages.clinicVisits.subtitle')} />
      <ClinicVisits initial={initial} />
    </>
  );
}
