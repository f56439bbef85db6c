import { getSession } from '@/lib/auth';
import { LanguagePicker } from '@/components/common/LanguagePicker';

/** The language menu of a public page, for a visitor who is not signed in (a signed-in person's language is their account's). */
export async function VisitorLanguagePicker() {
  const session = await getSession();
  return session ? null : <LanguagePicker />;
}
