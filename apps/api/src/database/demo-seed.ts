import argon2 from 'argon2';
import type { PrismaClient } from '../generated/prisma/client';

export const DEMO_PASSWORD = 'demo-password';

export const DEMO_ACCOUNTS = [
  { email: 'doctor@demo.test', name: 'Dr. Maya Chen', role: 'DOCTOR', timeZone: 'Europe/Berlin' },
  { email: 'patient@demo.test', name: 'Sam Patel', role: 'PATIENT', timeZone: 'Europe/London' },
  { email: 'patient2@demo.test', name: 'Alex Morgan', role: 'PATIENT', timeZone: 'America/New_York' },
  { email: 'admin@demo.test', name: 'Clinic Admin', role: 'ADMIN', timeZone: 'Europe/Berlin' },
] as const;

/**
 * Creates the demo doctor, patients and admin, but only on a database without users, so a
 * clinic's real accounts are never touched. Returns whether it seeded.
 */
export async function seedDemoAccounts(prisma: PrismaClient): Promise<boolean> {
  if ((await prisma.user.count()) > 0) return false;
  const passwordHash = await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id });
  await prisma.user.createMany({
    data: DEMO_ACCOUNTS.map((account) => ({ ...account, passwordHash })),
    skipDuplicates: true,
  });
  return true;
}
