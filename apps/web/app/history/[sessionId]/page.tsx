import type { Metadata } from 'next';
import { SessionRecord } from '@/components/SessionRecord';

export const metadata: Metadata = { title: 'Visit record' };

export default async function SessionRecordPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  return <SessionRecord sessionId={sessionId} />;
}
