import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FindPatientsQuery, Language, PatientSummary, Role, UpdateProfileRequest } from '@telehealth/contracts';
import type { Prisma, User } from '../generated/prisma/client';
import { isPlaceholderAddress } from '../mail/mail-message';
import { PrismaService } from '../prisma/prisma.service';
import type { AuthUser } from './auth-user';

export interface NewPatient {
  email: string;
  name: string;
  passwordHash: string;
  timeZone: string;
  language: Language;
}

/** A patient a doctor names at booking: an email without an account gets an invited one. */
export interface InvitedPatient {
  email: string;
  name: string;
  timeZone: string;
  language: Language;
}

/** The account of the booked email: `created` when the booking invited it; `role` lets the caller refuse staff. */
export interface BookedAccount {
  id: string;
  role: Role;
  created: boolean;
}

/** The account behind a token, and since when its tokens count. */
export type TokenHolder = AuthUser & { tokensValidAfter: Date | null; hasPassword: boolean };

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
         INSERT INTO users (id, email, name, role, password_hash, time_zone, language, created_at, updated_at)
         VALUES (gen_random_uuid(), $1, $2, 'PATIENT', $3, $4, $5::"Language", now(), now())
         ON CONFLICT (email) DO NOTHING
         RETURNING id
       )
       SELECT id, true AS created FROM inserted
       UNION ALL
       SELECT id, false AS created FROM users WHERE email = $1 AND NOT EXISTS (SELECT 1 FROM inserted)`,
      [patient.email, patient.name, patient.passwordHash, patient.timeZone, patient.language],
    );
    return rows[0];
  }

  /**
   * The account of `patient.email` in the booking's transaction `tx`: a new patient without a password
   * (they come in by the visit link, and may choose a password later), or the existing account of
   * that email, whatever its role, with its name left as it is.
   */
  async findOrInvitePatient(tx: Prisma.TransactionClient, patient: InvitedPatient): Promise<BookedAccount> {
    const inserted = await tx.$queryRaw<Array<{ id: string }>>`
      INSERT INTO users (id, email, name, role, password_hash, time_zone, language, created_at, updated_at)
      VALUES (gen_random_uuid(), ${patient.email}, ${patient.name}, 'PATIENT', NULL, ${patient.timeZone}, ${patient.language}::"Language", now(), now())
      ON CONFLICT (email) DO NOTHING
      RETURNING id::text AS id`;
    if (inserted[0]) return { id: inserted[0].id, role: 'PATIENT', created: true };
    // A statement of its own: under READ COMMITTED it sees the account a concurrent booking of the same email just committed.
    const existing = await tx.user.findUniqueOrThrow({ where: { email: patient.email }, select: { id: true, role: true } });
    return { ...existing, created: false };
  }

  /**
   * A patient the doctor gave no email (an instant visit shared by link): a new account without a
   * password under a placeholder address that receives no mail, in the booking's transaction.
   */
  async createUnreachablePatient(tx: Prisma.TransactionClient, patient: Omit<InvitedPatient, 'email'>): Promise<string> {
    const id = randomUUID();
    await tx.$executeRaw`
      INSERT INTO users (id, email, name, role, password_hash, time_zone, language, created_at, updated_at)
      VALUES (${id}::uuid, ${`patient-${id}@patients.invalid`}, ${patient.name}, 'PATIENT', NULL, ${patient.timeZone}, ${patient.language}::"Language", now(), now())`;
    return id;
  }

  findByEmail(email: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { email } });
  }

  /**
   * The caller behind a token, and since when their tokens count; none for a deactivated account,
   * so its tokens stop working at once. Every request passes here: plain SQL, one round trip.
   */
  async findForToken(id: string, visitLinkId?: string): Promise<TokenHolder | undefined> {
    // A visit-link session lives as long as its link: a reschedule or cancellation revokes it.
    const { rows } = await this.prisma.sql.query<TokenHolder & { linkActive: boolean }>(
      `SELECT u.id, u.email, u.name, u.role, u.time_zone AS "timeZone", u.language, u.tokens_valid_after AS "tokensValidAfter",
              u.password_hash IS NOT NULL AS "hasPassword",
              ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM visit_links l WHERE l.id = $2::uuid AND l.user_id = u.id AND l.revoked_at IS NULL)) AS "linkActive"
         FROM users u
        WHERE u.id = $1 AND u.deactivated_at IS NULL`,
      [id, visitLinkId ?? null],
    );
    const row = rows[0];
    if (!row?.linkActive) return undefined;
    const { linkActive: _active, ...holder } = row;
    return holder;
  }

  /** Stores the first password of an account made without one; false when it already has one. */
  async choosePassword(id: string, passwordHash: string): Promise<boolean> {
    const { count } = await this.prisma.user.updateMany({ where: { id, passwordHash: null }, data: { passwordHash } });
    return count === 1;
  }

  /** The person's own name, time zone or language (the fields given), as stored afterwards. */
  updateProfile(id: string, changes: UpdateProfileRequest): Promise<Pick<User, 'name' | 'timeZone' | 'language'>> {
    return this.prisma.user.update({
      where: { id },
      data: { name: changes.name, timeZone: changes.timeZone, language: changes.language },
      select: { name: true, timeZone: true, language: true },
    });
  }

  /** Every token issued until now stops working. */
  async revokeTokens(id: string): Promise<void> {
    await this.prisma.user.update({ where: { id }, data: { tokensValidAfter: new Date() } });
  }

  async isPatient(id: string): Promise<boolean> {
    return (await this.prisma.user.findFirst({ where: { id, role: 'PATIENT' }, select: { id: true } })) !== null;
  }

  /** Patients whose name or email contains the query, by name. */
  async findPatients(query: FindPatientsQuery): Promise<PatientSummary[]> {
    const text = query.query;
    const rows = await this.prisma.user.findMany({
      where: {
        role: 'PATIENT',
        // A placeholder address (an instant visit's patient given none) is nobody's to search by.
        ...(text
          ? {
              OR: [
                { name: { contains: text, mode: 'insensitive' } },
                { email: { contains: text, mode: 'insensitive', not: { endsWith: '.invalid' } } },
              ],
            }
          : {}),
      },
      orderBy: [{ name: 'asc' }, { email: 'asc' }],
      take: query.limit,
      select: { id: true, email: true, name: true, timeZone: true },
    });
    return rows.map((row) => (isPlaceholderAddress(row.email) ? { ...row, email: '' } : row));
  }
}
