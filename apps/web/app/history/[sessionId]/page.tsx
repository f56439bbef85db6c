import type { Metadata } from 'next';
import { VisitRecord } from '@/components/history/VisitRecord';

export const metadata: Metadata = { title: 'Visit record' };

export default async function SessionRecordPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  return <VisitRecord sessionId={sessionId} />;
}
