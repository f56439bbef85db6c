import { Injectable } from '@nestjs/common';
import type { FindPatientsQuery, PatientSummary } from '@telehealth/contracts';
import type { User } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import type { AuthUser } from './auth-user';

export interface NewPatient {
  email: string;
  name: string;
  passwordHash: string;
  timeZone: string;
}

/** People with accounts: patients registering, sign-in, token checks, sign-out, the patient picker. */
@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Inserts the patient unless the email is taken, in one statement for both outcomes: the new
   * id (`created`), or the existing account's id.
   */
  async registerPatient(patient: NewPatient): Promise<{ id: string; created: boolean } | undefined> {
    const { rows } = await this.prisma.sql.query<{ id: string; created: boolean }>(
      `WITH inserted AS (
         INSERT INTO users (id, email, name, role, password_hash, time_zone, created_at, updated_at)
         VALUES (gen_random_uuid(), $1, $2, 'PATIENT', $3, $4, now(), now())
         ON CONFLICT (email) DO NOTHING
         RETURNING id
       )
       SELECT id, true AS created FROM inserted
       UNION ALL
       SELECT id, false AS created FROM users WHERE email = $1 AND NOT EXISTS (SELECT 1 FROM inserted)`,
      [patient.email, patient.name, patient.passwordHash, patient.timeZone],
    );
    return rows[0];
  }

  findByEmail(email: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { email } });
  }

  /**
   * The caller behind a token, and since when their tokens count; none for a deactivated account,
   * so its tokens stop working at once. Every request passes here: plain SQL, one round trip.
   */
  async findForToken(id: string): Promise<(AuthUser & { tokensValidAfter: Date | null }) | undefined> {
    const { rows } = await this.prisma.sql.query<AuthUser & { tokensValidAfter: Date | null }>(
      `SELECT id, email, name, role, time_zone AS "timeZone", tokens_valid_after AS "tokensValidAfter" FROM users
        WHERE id = $1 AND deactivated_at IS NULL`,
      [id],
    );
    return rows[0];
  }

  /** Every token issued until now stops working. */
  async revokeTokens(id: string): Promise<void> {
    await this.prisma.user.update({ where: { id }, data: { tokensValidAfter: new Date() } });
  }

  async isPatient(id: string): Promise<boolean> {
    return (await this.prisma.user.findFirst({ where: { id, role: 'PATIENT' }, select: { id: true } })) !== null;
  }

  /** Patients whose name or email contains the query, by name. */
  findPatients(query: FindPatientsQuery): Promise<PatientSummary[]> {
    const text = query.query;
    return this.prisma.user.findMany({
      where: {
        role: 'PATIENT',
        ...(text ? { OR: [{ name: { contains: text, mode: 'insensitive' } }, { email: { contains: text, mode: 'insensitive' } }] } : {}),
      },
      orderBy: [{ name: 'asc' }, { email: 'asc' }],
      take: query.limit,
      select: { id: true, email: true, name: true, timeZone: true },
    });
  }
}
