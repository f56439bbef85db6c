import type { Metadata } from 'next';
import { InviteStaffForm } from '@/components/admin/InviteStaffForm';
import { StaffList } from '@/components/admin/StaffList';
import { PageTitle } from '@/components/common/PageTitle';

export const metadata: Metadata = { title: 'Staff' };

export default function StaffPage() {
  return (
    <>
      <PageTitle title="Staff" subtitle="Invite doctors and admins, and deactivate an account that should no longer sign in." />
      <div className="grid grid-dashboard">
        <StaffList />
        <InviteStaffForm />
      </div>
    </>
  );
}
