import type { GuestRole, Role, VisitGuest } from '@telehealth/contracts';

/** Someone in a visit as the call, the chat and the record know them: a name, a role, a guest's part. */
export interface PersonInVisit {
  name: string;
  role?: Role | null;
  guestRole?: GuestRole | null;
}

/**
 * The part someone plays, as the catalogues' `role` selects name it (a guest's part first: "INTERPRETER";
 * OTHER falls to the select's `other`, "guest"); null when unknown.
 */
export function partOf(person: Pick<PersonInVisit, 'role' | 'guestRole'>): GuestRole | Role | null {
  return person.guestRole ?? person.role ?? null;
}

/** The doctor's list of a visit's guests: those still invited before removed ones, each group in the order invited. */
export function orderGuests(guests: readonly VisitGuest[]): VisitGuest[] {
  const invitedAt = (guest: VisitGuest) => Date.parse(guest.invitedAt);
  return [...guests].sort((a, b) => Number(a.removedAt !== null) - Number(b.removedAt !== null) || invitedAt(a) - invitedAt(b));
}
