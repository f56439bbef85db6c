import type { ErrorReason, Role } from '@telehealth/contracts';

/**
 * Who may see or change which appointment, visit, note, report and room: the one statement of
 * the rules, for REST and the signaling gateway alike. Pure: no I/O, no Nest.
 *
 * In short:
 * - A visit (its appointment, session, room, notes and report) is its doctor's and its patient's.
 * - Anyone else asking for one of its records is told it does not exist (404), so ids do not leak;
 *   the room is the exception: its id is unguessable and is only handed to the parties, so a
 *   stranger at its door is refused (403).
 * - A party without the right is refused (403): only the doctor ends the visit.
 * - The doctor's notes are the doctor's alone: to the patient they do not exist (404).
 * - An admin reads the clinic's appointments and the lists, but not a visit's record, notes or
 *   report, and never joins, changes or ends a visit; the room overview, the audit log and the
 *   clinic's visits as an admin sees them (`clinic-visits.read`: who, when, how it went; no reason,
 *   notes or chat) are the admin's alone.
 * - Staff (inviting doctors and admins, deactivating and reactivating them) is the admins' alone.
 * - A session opened by a visit link (the patient's `/j/<token>` or code) holds only what its
 *   patient holds on that one visit, and only to look and to join: to every other visit it is a
 *   stranger, and lists, changes and the admins' pages are refused (403, `visit_link_only`).
 * - Guests (an interpreter, a caregiver, a second clinician: role GUEST) are invited by the visit's
 *   doctor, who alone manages them (`guests.manage`). A guest only ever holds a visit-link session
 *   of their own visit, and on it only joins the call and reads the appointment (`visit.join`,
 *   `appointment.read`; the patient's reason is hidden from them by the appointment mapper). The
 *   visit's record, notes and report are not theirs: to them they do not exist (404); ending the
 *   visit, messaging its waiting room and marking the call verified are the doctor's (403); changing it, lists and everything
 *   else are refused as to any visit-link session (403, `visit_link_only`); every other visit is a
 *   stranger's. A guest the doctor removed has no session left at all (their link is revoked).
 */
export type Permission =
  | 'appointment.read'
  | 'appointment.change'
  | 'visit.read'
  | 'visit.join'
  | 'visit.end'
  | 'visit.message'
  | 'visit.verify'
  | 'notes.read'
  | 'notes.write'
  | 'report.read'
  | 'guests.manage'
  | 'rooms.stats'
  | 'audit.read'
  | 'staff.manage'
  | 'clinic-visits.read';

/** The two people a visit belongs to. */
export interface VisitParties {
  appointmentId: string;
  doctorId: string;
  patientId: string;
}

/** Who asks. `visit` is set when the session came from a visit link: it opens that visit alone (a GUEST always has one). */
export interface Actor {
  id: string;
  role: Role;
  visit?: { appointmentId: string };
}

/** What a visit-link session may do on its own visit: look and join, never change. */
const VISIT_LINK_PERMISSIONS: ReadonlySet<Permission> = new Set<VisitPermission>([
  'appointment.read',
  'visit.read',
  'visit.join',
  'report.read',
]);

/** What a guest holds on their own visit: to be in its call, and to read its appointment. */
const GUEST_PERMISSIONS: ReadonlySet<Permission> = new Set<VisitPermission>(['appointment.read', 'visit.join']);

export type AccessDecision =
  { ok: true; as: 'DOCTOR' | 'PATIENT' | 'ADMIN' | 'GUEST' } | { ok: false; code: 403 | 404; reason: ErrorReason; error: string };

type Refusal = Extract<AccessDecision, { ok: false }>;
type Party = 'DOCTOR' | 'PATIENT';

export const APPOINTMENT_NOT_FOUND = 'No appointment with this id was found.';
export const SESSION_NOT_FOUND = 'No session with this id was found.';

const notFound = (error: string): Refusal => ({ ok: false, code: 404, reason: 'not_found', error });
const forbidden = (error: string): Refusal => ({ ok: false, code: 403, reason: 'forbidden', error });

interface Rule {
  /** Which party of the visit holds the permission. */
  parties: readonly Party[];
  /** What a party without it is told. */
  partyRefusal: Refusal;
  /** What everyone else (another doctor or patient, an admin unless `admin` allows) is told. */
  strangerRefusal: Refusal;
  /** Whether an admin holds it for any visit. */
  admin: boolean;
  /** What an admin is told when `admin` is false (default: the strangers' answer). */
  adminRefusal?: Refusal;
}

const BOTH: readonly Party[] = ['DOCTOR', 'PATIENT'];
const DOCTOR: readonly Party[] = ['DOCTOR'];
const SESSION_404 = notFound(SESSION_NOT_FOUND);

/** What only an admin holds, over the whole clinic rather than one visit. */
type AdminPermission = 'rooms.stats' | 'audit.read' | 'staff.manage' | 'clinic-visits.read';
const ADMIN_PERMISSIONS: ReadonlySet<Permission> = new Set<AdminPermission>([
  'rooms.stats',
  'audit.read',
  'staff.manage',
  'clinic-visits.read',
]);
const isAdminPermission = (permission: Permission): permission is AdminPermission => ADMIN_PERMISSIONS.has(permission);

type VisitPermission = Exclude<Permission, AdminPermission>;

const VISIT_RULES: Record<VisitPermission, Rule> = {
  'appointment.read': {
    parties: BOTH,
    partyRefusal: notFound(APPOINTMENT_NOT_FOUND),
    strangerRefusal: notFound(APPOINTMENT_NOT_FOUND),
    admin: true,
  },
  'appointment.change': {
    parties: BOTH,
    partyRefusal: notFound(APPOINTMENT_NOT_FOUND),
    strangerRefusal: notFound(APPOINTMENT_NOT_FOUND),
    admin: false,
    adminRefusal: forbidden('Only the doctor or the patient of this visit may change it.'),
  },
  'visit.read': { parties: BOTH, partyRefusal: SESSION_404, strangerRefusal: SESSION_404, admin: false },
  'visit.join': {
    parties: BOTH,
    partyRefusal: forbidden('This visit is not yours: only its doctor and patient may join.'),
    strangerRefusal: forbidden('This visit is not yours: only its doctor and patient may join.'),
    admin: false,
  },
  'visit.end': {
    parties: DOCTOR,
    partyRefusal: forbidden('Only the doctor can end the visit.'),
    strangerRefusal: SESSION_404,
    admin: false,
  },
  'visit.message': {
    parties: DOCTOR,
    partyRefusal: forbidden('Only the doctor can send a message to the waiting room.'),
    strangerRefusal: forbidden('This visit is not yours: only its doctor may send a message to its waiting room.'),
    admin: false,
  },
  'visit.verify': {
    parties: DOCTOR,
    partyRefusal: forbidden('Only the doctor can mark the call verified.'),
    strangerRefusal: SESSION_404,
    admin: false,
  },
  'notes.read': { parties: DOCTOR, partyRefusal: SESSION_404, strangerRefusal: SESSION_404, admin: false },
  'notes.write': { parties: DOCTOR, partyRefusal: SESSION_404, strangerRefusal: SESSION_404, admin: false },
  'report.read': { parties: BOTH, partyRefusal: SESSION_404, strangerRefusal: SESSION_404, admin: false },
  'guests.manage': {
    parties: DOCTOR,
    partyRefusal: forbidden('Only the doctor of this visit can invite or remove its guests.'),
    strangerRefusal: notFound(APPOINTMENT_NOT_FOUND),
    admin: false,
    adminRefusal: forbidden('Only the doctor of this visit can invite or remove its guests.'),
  },
};

const ADMINS_ONLY = forbidden('Only admins may do this.');
const VISIT_LINK_ONLY: Refusal = {
  ok: false,
  code: 403,
  reason: 'visit_link_only',
  error: 'You came in with a visit link: it opens that visit only. Sign in with a password for everything else.',
};

function partyOf(actorId: string, visit: VisitParties): Party | undefined {
  if (actorId === visit.doctorId) return 'DOCTOR';
  if (actorId === visit.patientId) return 'PATIENT';
  return undefined;
}

/**
 * Whether `actor` holds `permission` on `visit`. Without a visit the question is about the
 * collection: the appointment list and the visit history (every signed-in person, each seeing
 * their own; an admin the clinic's, see `listScope`), the room overview, the audit log, staff and
 * the clinic's visits (admins). A visit permission that needs a record (change, join, end, notes, report) asked
 * without one is answered as for a record that does not exist.
 */
export function decideAccess(actor: Actor, permission: Permission, visit: VisitParties | undefined): AccessDecision {
  if (actor.role === 'GUEST') return decideForGuest(actor, permission, visit);
  if (actor.visit) {
    if (!visit || !VISIT_LINK_PERMISSIONS.has(permission)) return VISIT_LINK_ONLY;
    if (visit.appointmentId !== actor.visit.appointmentId) return VISIT_RULES[permission as VisitPermission].strangerRefusal;
  }
  if (isAdminPermission(permission)) return actor.role === 'ADMIN' ? { ok: true, as: 'ADMIN' } : ADMINS_ONLY;
  const rule = VISIT_RULES[permission];
  if (!visit) {
    if (permission === 'appointment.read' || permission === 'visit.read') return { ok: true, as: actor.role };
    return missingRecord(permission);
  }
  const party = partyOf(actor.id, visit);
  if (party) return rule.parties.includes(party) ? { ok: true, as: party } : rule.partyRefusal;
  if (actor.role === 'ADMIN') return rule.admin ? { ok: true, as: 'ADMIN' } : (rule.adminRefusal ?? rule.strangerRefusal);
  return rule.strangerRefusal;
}

/**
 * A guest: their own visit's call and appointment, nothing else. A guest without a visit scope (no
 * such session is ever issued) holds nothing.
 */
function decideForGuest(actor: Actor, permission: Permission, visit: VisitParties | undefined): AccessDecision {
  if (!actor.visit || !visit || isAdminPermission(permission)) return VISIT_LINK_ONLY;
  const rule = VISIT_RULES[permission];
  if (visit.appointmentId !== actor.visit.appointmentId) return rule.strangerRefusal;
  if (GUEST_PERMISSIONS.has(permission)) return { ok: true, as: 'GUEST' };
  // Not theirs to change (as for any visit-link session); the rest is the parties' answer to a party without the right.
  return permission === 'appointment.change' ? VISIT_LINK_ONLY : rule.partyRefusal;
}

/** What someone asking for a visit record that does not exist (or is not a valid id) is told. */
export function missingRecord(permission: Permission): Refusal {
  if (permission === 'appointment.read' || permission === 'appointment.change' || permission === 'guests.manage')
    return notFound(APPOINTMENT_NOT_FOUND);
  if (permission === 'visit.join') return notFound('No visit has this room.');
  return SESSION_404;
}

/**
 * Whose visits a list shows: the caller's own, as the doctor or as the patient; an admin's, the
 * clinic's. Repositories turn this into their filter.
 */
export type ListScope = { party: 'doctor' | 'patient'; userId: string } | { party: 'any' } | { party: 'none' };

/** A guest has no lists (decideAccess refuses them first); should one be asked anyway, it is empty. */
export function listScope(actor: { id: string; role: Role }): ListScope {
  switch (actor.role) {
    case 'DOCTOR':
      return { party: 'doctor', userId: actor.id };
    case 'PATIENT':
      return { party: 'patient', userId: actor.id };
    case 'ADMIN':
      return { party: 'any' };
    case 'GUEST':
      return { party: 'none' };
  }
}
