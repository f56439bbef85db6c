import { Injectable } from '@nestjs/common';
import type { Language, StaffRole } from '@telehealth/contracts';
import type { Prisma } from '../generated/prisma/client';
import type { NewPasswordToken } from '../auth/password-tokens';
import { PrismaService } from '../prisma/prisma.service';
import type { StaffRow } from './staff.mapper';

export interface NewStaff {
  name: string;
  email: string;
  role: StaffRole;
  /** Their invitation email's language, and their account's until they change it. */
  language: Language;
  /** The inviting admin; null for the first admin (the CLI). */
  invitedById: string | null;
  /** The invitation's set-password token. */
  invitation: NewPasswordToken;
}

/** Anything that runs SQL with $n parameters: a pg Pool or Client (the CLI has no Nest). */
export interface SqlRunner {
  query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

const STAFF_COLUMNS = `id, name, email, role::text AS role, password_hash IS NOT NULL AS "hasPassword",
  deactivated_at AS "deactivatedAt", created_at AS "createdAt"`;

// One statement: the account (no password) and its invitation, or nothing when the email is taken.
const INSERT_INVITED = `WITH staff AS (
    INSERT INTO users (id, email, name, role, password_hash, invited_by, language, created_at, updated_at)
    VALUES (gen_random_uuid(), $1, $2, $3::"Role", NULL, $4::uuid, $7::"Language", now(), now())
    ON CONFLICT (email) DO NOTHING
    RETURNING ${STAFF_COLUMNS}
  ), invitation AS (
    INSERT INTO password_tokens (id, user_id, purpose, token_hash, expires_at)
    SELECT gen_random_uuid(), id, 'INVITATION', $5, $6::timestamptz FROM staff
    RETURNING user_id
  )`;

/**
 * The first admin, from `npm run create-admin`, with its invitation and its audit row, in one
 * statement (the embedded database serves several connections with one backend: no transaction
 * spans statements here). Undefined when the email is taken.
 */
export async function insertFirstAdmin(db: SqlRunner, admin: Omit<NewStaff, 'role' | 'invitedById'>): Promise<StaffRow | undefined> {
  const { rows } = await db.query<StaffRow>(
    `${INSERT_INVITED}, audit AS (
       INSERT INTO audit_logs (id, actor_id, action, entity_type, entity_id, detail)
       SELECT gen_random_uuid(), NULL, 'staff.admin-created', 'user', id::text, '{"via":"cli"}'::jsonb FROM staff
       RETURNING id
     )
     SELECT staff.* FROM staff JOIN invitation ON invitation.user_id = staff.id CROSS JOIN audit`,
    [admin.email, admin.name, 'ADMIN', null, admin.invitation.tokenHash, admin.invitation.expiresAt, admin.language],
  );
  return rows[0];
}

/** Doctors and admins: inviting, listing, deactivating and reactivating them. */
@Injectable()
export class StaffRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The new staff member with its invitation, in `tx` (its email goes in the same transaction); undefined when the email is taken. */
  async insertInvited(tx: Prisma.TransactionClient, staff: NewStaff): Promise<StaffRow | undefined> {
    const rows = await tx.$queryRawUnsafe<StaffRow[]>(
      `${INSERT_INVITED} SELECT staff.* FROM staff JOIN invitation ON invitation.user_id = staff.id`,
      staff.email,
      staff.name,
      staff.role,
      staff.invitedById,
      staff.invitation.tokenHash,
      staff.invitation.expiresAt,
      staff.language,
    );
    return rows[0];
  }

  async list(): Promise<StaffRow[]> {
    const { rows } = await this.prisma.sql.query<StaffRow>(
      `SELECT ${STAFF_COLUMNS} FROM users WHERE role IN ('DOCTOR', 'ADMIN') ORDER BY name, email`,
    );
    return rows;
  }

  /**
   * Deactivates (revoking every token and voiding open set-password links) or reactivates a staff
   * member; a second deactivation keeps the first time. Undefined when no doctor or admin has this id.
   */
  async setActive(id: string, active: boolean): Promise<StaffRow | undefined> {
    const { rows } = await this.prisma.sql.query<StaffRow>(
      `WITH changed AS (
         UPDATE users SET
           deactivated_at = CASE WHEN $2 THEN NULL ELSE coalesce(deactivated_at, now()) END,
           tokens_valid_after = CASE WHEN $2 THEN tokens_valid_after ELSE now() END,
           updated_at = now()
         WHERE id = $1 AND role IN ('DOCTOR', 'ADMIN')
         RETURNING ${STAFF_COLUMNS}
       ), voided AS (
         UPDATE password_tokens SET used_at = now()
         WHERE NOT $2 AND used_at IS NULL AND user_id IN (SELECT id FROM changed)
       )
       SELECT * FROM changed`,
      [id, active],
    );
    return rows[0];
  }
}
