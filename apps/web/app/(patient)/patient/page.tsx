import type { Metadata } from 'next';
import { PageTitle } from '@/components/common/PageTitle';
import { PatientDashboard } from '@/components/schedule/PatientDashboard';

export const metadata: Metadata = { title: 'Your visits' };

export default function PatientHomePage() {
  return (
    <>
      <PageTitle title="Your visits" subtitle="Join your video visit here when it is time." />
      <PatientDashboard />
    </>
  );
}
