import type { Metadata } from 'next';
import { AuditLog } from '@/components/admin/AuditLog';
import { OpenRooms } from '@/components/admin/OpenRooms';
import { PageTitle } from '@/components/common/PageTitle';

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
