import type { Metadata } from 'next';
import { PageTitle } from '@/components/PageTitle';
import { PatientDashboard } from '@/components/PatientDashboard';

export const metadata: Metadata = { title: 'Your visits' };

export default function PatientHomePage() {
  return (
    <>
      <PageTitle title="Your visits" subtitle="Join your video visit here when it is time." />
      <PatientDashboard />
    </>
  );
}
