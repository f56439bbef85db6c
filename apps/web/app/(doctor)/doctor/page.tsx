import type { Metadata } from 'next';
import { DoctorDashboard } from '@/components/schedule/DoctorDashboard';
import { PageTitle } from '@/components/common/PageTitle';

export const metadata: Metadata = { title: 'Dashboard' };

export default function DoctorHomePage() {
  return (
    <>
      <PageTitle title="Your day" subtitle="Patients waiting, your schedule, and new visits." />
      <DoctorDashboard />
    </>
  );
}
