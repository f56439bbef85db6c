import type { Metadata } from 'next';
import { ClinicVisitRecord } from '@/components/admin/ClinicVisitRecord';

export const metadata: Metadata = { title: 'Visit' };

export default async function ClinicVisitPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  return <ClinicVisitRecord sessionId={sessionId} />;
}
