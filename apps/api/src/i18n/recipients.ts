import type { Language } from '@telehealth/contracts';
import type { Prisma } from '../generated/prisma/client';
import { toLanguage } from './translator';

/** What can read users: PrismaService or a transaction's client. */
type UsersReader = Pick<Prisma.TransactionClient, 'user'>;

/**
 * The language of each person a message goes to, by user id (English for an id not found). People whose
 * row was read with its language already (`{ id, language }`) cost no query; the others are read in one.
 * Called in the transaction that writes the message, so an account it just created is seen.
 */
export async function recipientLanguages(
  db: UsersReader,
  people: ReadonlyArray<{ id: string; language?: unknown }>,
): Promise<(userId: string) => Language> {
  const languages = new Map<string, Language>();
  const unknown: string[] = [];
  for (const person of people) {
    if (typeof person.language === 'string') languages.set(person.id, toLanguage(person.language));
    else unknown.push(person.id);
  }
  if (unknown.length > 0) {
    const rows = await db.user.findMany({ where: { id: { in: [...new Set(unknown)] } }, select: { id: true, language: true } });
    for (const row of rows) languages.set(row.id, toLanguage(row.language));
  }
  return (userId) => languages.get(userId) ?? toLanguage(undefined);
}

/** One person's language (see recipientLanguages). */
export async function recipientLanguage(db: UsersReader, person: { id: string; language?: unknown }): Promise<Language> {
  return (await recipientLanguages(db, [person]))(person.id);
}
