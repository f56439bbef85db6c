import type { StaffMember, StaffRole, StaffStatus } from '@telehealth/contracts';

/** A staff account as the repository reads it. */
export interface StaffRow {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  hasPassword: boolean;
  deactivatedAt: Date | null;
  createdAt: Date;
}

export function staffStatus(row: Pick<StaffRow, 'hasPassword' | 'deactivatedAt'>): StaffStatus {
  if (row.deactivatedAt) return 'deactivated';
  return row.hasPassword ? 'active' : 'invited';
}

export function toStaffMember(row: StaffRow): StaffMember {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    status: staffStatus(row),
    createdAt: new Date(row.createdAt).toISOString(),
    deactivatedAt: row.deactivatedAt ? new Date(row.deactivatedAt).toISOString() : null,
  };
}
