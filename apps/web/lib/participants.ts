import { GUEST_ROLE_LABELS, type GuestRole, type Role, type VisitGuest } from '@telehealth/contracts';

/** Someone in a visit as the call, the chat and the record know them: a name, a role, a guest's part. */
export interface PersonInVisit {
  name: string;
  role?: Role | null;
  guestRole?: GuestRole | null;
}

const ROLE_WORDS: Record<Role, string> = { DOCTOR: 'doctor', PATIENT: 'patient', ADMIN: 'admin', GUEST: 'guest' };

/** The choices of the doctor's "Invite a guest" form, in the order the form offers them. */
export const GUEST_ROLE_CHOICES: ReadonlyArray<{ value: GuestRole; label: string }> = [
  { value: 'INTERPRETER', label: 'Interpreter' },
  { value: 'CAREGIVER', label: 'Caregiver' },
  { value: 'CLINICIAN', label: 'Clinician' },
  { value: 'OTHER', label: 'Other' },
];

export function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The part someone plays in the visit, as a word inside a sentence: "doctor", "patient", "interpreter", "guest"; null when unknown. */
export function roleWord(person: Pick<PersonInVisit, 'role' | 'guestRole'>): string | null {
  if (person.guestRole) return GUEST_ROLE_LABELS[person.guestRole];
  return person.role ? ROLE_WORDS[person.role] : null;
}

/** "Ana Ruiz (interpreter)": a name with the part its person plays, for chat lines, notices and the lobby. */
export function nameWithRole(person: PersonInVisit): string {
  const word = roleWord(person);
  return word ? `${person.name} (${word})` : person.name;
}

/**
 * A name as the record's sentences write it: guests with their part ("Ana Ruiz (interpreter)"),
 * the doctor and the patient by name alone, as the visit has always been told.
 */
export function recordName(person: PersonInVisit): string {
  return person.role === 'GUEST' || person.guestRole ? nameWithRole(person) : person.name;
}

/** What a call tile says of its person: "Ana Ruiz" and "Interpreter". */
export function tileLabel(person: PersonInVisit): { name: string; role: string | null } {
  const word = roleWord(person);
  return { name: person.name, role: word ? capitalized(word) : null };
}

/** "Sam Patel", "Sam Patel and Ana Ruiz", "Sam Patel, Ana Ruiz and Leo Park". */
export function listOfNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The doctor's list of a visit's guests: those still invited before removed ones, each group in the order invited. */
export function orderGuests(guests: readonly VisitGuest[]): VisitGuest[] {
  const invitedAt = (guest: VisitGuest) => Date.parse(guest.invitedAt);
  return [...guests].sort((a, b) => Number(a.removedAt !== null) - Number(b.removedAt !== null) || invitedAt(a) - invitedAt(b));
}
