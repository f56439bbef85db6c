import type { Metadata } from 'next';
import { AuditLog } from '@/components/AuditLog';
import { OpenRooms } from '@/components/OpenRooms';
import { PageTitle } from '@/components/PageTitle';

export const metadata: Metadata = { title: 'Clinic overview' };

export default function AdminHomePage() {
  return (
    <>
      <PageTitle title="Clinic overview" subtitle="Calls open right now, and who read or changed which record." />
      <div className="grid grid-dashboard">
        <OpenRooms />
        <AuditLog />
      </div>
    </>
  );
}
