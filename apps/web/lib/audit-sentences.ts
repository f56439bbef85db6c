import { GUEST_ROLE_LABELS, GUEST_ROLES, type AuditLogEntry, type AuditVisit } from '@telehealth/contracts';
import { nameWithRole } from './participants';
import { formatDateTime } from './time';

/** A filled-in placeholder of a sentence: its words, and where they lead when they name a page. */
export interface SentencePart {
  text: string;
  href?: string;
}

/**
 * An audit entry as a sentence: a whole template with named placeholders ("{actor} ended {visit}"),
 * so a translator gets the sentence whole, and the parts that fill it (the visit is a link to the
 * admin's page of that visit).
 */
export interface AuditSentence {
  template: string;
  parts: Record<string, SentencePart>;
}

type Detail = NonNullable<AuditLogEntry['detail']>;
type Wording = string | ((detail: Detail, entry: AuditLogEntry) => string);

const SIGN_IN_FAILED: Record<string, string> = {
  'unknown-account': 'A sign-in failed: no account has that email',
  'wrong-password': 'A sign-in as {person} failed: wrong password ({tries} tries left before a pause)',
  deactivated: 'A sign-in as {person} was refused: the account is deactivated',
  guest: 'A sign-in as {person} was refused: a guest comes in by their visit link only',
};

const SIGN_IN_PAUSED: Record<string, string> = {
  account: 'Sign-in to one account was paused after too many failed tries',
  address: 'Sign-in from one address was paused after too many failed tries',
  'account-address': 'Sign-in to one account from one address was paused after too many failed tries',
};

const LINK_REFUSED: Record<string, string> = {
  unknown: 'A visit link or code that does not exist was refused',
  'guest-removed': 'The link of a removed guest to {visit} was refused',
  stale: 'An old or revoked link to {visit} was refused',
};

/** Every action the API writes to the log (apps/api/src: `action:`), in words; a spec fails when one is missing. */
export const AUDIT_WORDING: Record<string, Wording> = {
  // Accounts and signing in.
  'auth.register': '{actor} signed up as a patient',
  'auth.register.email-taken': 'Someone tried to sign up with the email of {person}',
  'auth.register.throttled': 'Sign-ups from one address were paused: too many in an hour',
  'auth.sign-in': '{actor} signed in',
  'auth.sign-in.failed': (detail) =>
    detail.paused === true
      ? 'A sign-in as {person} failed: wrong password, and sign-in is now paused after too many tries'
      : (SIGN_IN_FAILED[String(detail.reason)] ?? SIGN_IN_FAILED['unknown-account']!),
  'auth.sign-in.throttled': (detail) => SIGN_IN_PAUSED[String(detail.scope)] ?? SIGN_IN_PAUSED.address!,
  'auth.sign-out': '{actor} signed out everywhere',
  'auth.password.chosen': '{actor} chose a password for their account',
  'auth.password.forgot.throttled': 'Password reset requests from one address were paused: too many in an hour',
  'auth.password.reset-requested': (detail) =>
    detail.sent === true
      ? 'A password reset link was emailed to {person}'
      : detail.emailThrottled === true
        ? 'A password reset for {person} was not emailed: too many were asked for in an hour'
        : 'A password reset was asked for an email with no active account',
  'auth.password.reset.refused': 'A password reset was refused: its link was invalid, used or expired',
  'auth.password.reset': (detail) =>
    detail.purpose === 'invitation'
      ? '{actor} accepted their invitation and chose a password'
      : '{actor} set a new password with a reset link',
  // Staff and the admin's pages.
  'staff.invite': '{actor} invited {person}',
  'staff.list': '{actor} looked at the staff list',
  'staff.deactivate': '{actor} deactivated the account of {person}',
  'staff.reactivate': '{actor} reactivated the account of {person}',
  'rooms.stats.read': '{actor} looked at the open calls',
  'audit.read': '{actor} read the audit log (page {page})',
  'audit.verify': (detail) =>
    detail.intact === true
      ? '{actor} checked the audit log: its chain is intact ({rows} entries)'
      : '{actor} checked the audit log: its chain is broken',
  'clinic-visit.list': '{actor} looked at the list of the clinic’s visits',
  'clinic-visit.read': '{actor} looked at {visit}',
  // Refusals.
  'access.forbidden': (_detail, entry) => (entry.visit ? '{actor} was refused {visit}' : '{actor} was refused {route}'),
  'access.not-found': (_detail, entry) =>
    entry.visit ? '{actor} asked for {visit}, which is not theirs to see' : '{actor} asked for something that does not exist: {route}',
  'signaling.join-refused': '{actor} was refused entry to the call of {visit}',
  // Booking.
  'patient.search': '{actor} searched the patients ({count} found)',
  'appointment.create': '{actor} booked {visit}',
  'appointment.list': '{actor} looked at the list of visits',
  'appointment.read': '{actor} opened {visit}',
  'appointment.reschedule': '{actor} rescheduled {visit}',
  'appointment.cancel': '{actor} cancelled {visit}',
  'appointment.no-show': 'The clinic marked {visit} as missed: nobody joined in time',
  'appointment.invitation.read': '{actor} looked at the invitation (link and code) of {visit}',
  'appointment.calendar.read': '{actor} downloaded the calendar file of {visit}',
  // Coming in by a visit link.
  'visit-link.redeem': (detail) =>
    detail.by === 'code' ? '{actor} came in with the code of {visit}' : '{actor} came in with their link to {visit}',
  'visit-link.redeem.refused': (detail) => LINK_REFUSED[String(detail.why)] ?? LINK_REFUSED.unknown!,
  'visit-link.redeem.throttled': 'Visit links and codes from one address were paused: too many tries',
  // Guests.
  'visit-guest.invite': '{actor} invited {person} to {visit}',
  'visit-guest.list': '{actor} looked at the guests of {visit}',
  'visit-guest.remove': '{actor} removed {person} from {visit}',
  'visit-guest.admit': '{actor} let {person} into the call of {visit}',
  'visit-guest.decline': '{actor} turned {person} away from the call of {visit}',
  // The visit and its record.
  'session.lobby': '{actor} waited in the lobby of {visit}',
  'session.join': '{actor} entered a call for {visit}',
  'session.call_verified': '{actor} verified the call with {person} in {visit}',
  'session.end': '{actor} ended {visit}',
  'session.list': '{actor} looked at the list of past visits',
  'session.read': '{actor} opened the record of {visit}',
  'notes.read': '{actor} read the notes of {visit}',
  'notes.update': '{actor} saved notes on {visit} (version {version})',
  'report.read': '{actor} downloaded the report of {visit}',
};

/** An action the wording does not know yet (written by a newer API): said as stored, never dropped. */
const UNKNOWN_ACTION = '{actor}: {action}';

// The visit, seen from whoever acted: one of its people sees "the visit with" the other.
const VISIT_WITH = 'the visit with {other} on {when}';
const VISIT_OF = 'the visit of {patient} with {doctor} on {when}';
const UNKNOWN_VISIT = 'a visit no longer on record';
const NOBODY = 'The system';
const UNKNOWN_PERSON = 'someone no longer on record';

/** Fills `{name}` placeholders with plain words (for the parts themselves, which are not links inside). */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function visitPart(visit: AuditVisit | null, actorId: string | null, timeZone: string): SentencePart {
  if (!visit) return { text: UNKNOWN_VISIT };
  const when = formatDateTime(visit.scheduledStart, timeZone);
  const party = actorId === visit.doctor.id ? visit.patient : actorId === visit.patient.id ? visit.doctor : null;
  const text = party
    ? fill(VISIT_WITH, { other: party.name, when })
    : fill(VISIT_OF, { patient: visit.patient.name, doctor: visit.doctor.name, when });
  return { text, href: `/admin/visits/${encodeURIComponent(visit.sessionId)}` };
}

function personPart(entry: AuditLogEntry): SentencePart {
  if (!entry.person) return { text: UNKNOWN_PERSON };
  // An invitation says the guest's part; other entries about a guest name them as a guest.
  const guestRole = GUEST_ROLES.find((role) => role === entry.detail?.guestRole);
  return { text: guestRole ? `${entry.person.name} (${GUEST_ROLE_LABELS[guestRole]})` : nameWithRole(entry.person) };
}

/** "GET /api/staff": the request a refusal was about, when it named no visit. */
function routeText(detail: Detail, entityId: string | null): string {
  return [typeof detail.method === 'string' ? detail.method : null, entityId].filter(Boolean).join(' ');
}

/** What an entry says, as a sentence with names and a link to the visit it is about; times in `timeZone`. */
export function auditSentence(entry: AuditLogEntry, timeZone: string): AuditSentence {
  const detail: Detail = entry.detail ?? {};
  const wording = Object.hasOwn(AUDIT_WORDING, entry.action) ? AUDIT_WORDING[entry.action]! : UNKNOWN_ACTION;
  const template = typeof wording === 'string' ? wording : wording(detail, entry);
  const number = (key: string) => ({ text: String(typeof detail[key] === 'number' ? detail[key] : '?') });
  return {
    template,
    parts: {
      actor: { text: entry.actor ? nameWithRole(entry.actor) : NOBODY },
      visit: visitPart(entry.visit, entry.actor?.id ?? null, timeZone),
      person: personPart(entry),
      action: { text: entry.action },
      route: { text: routeText(detail, entry.entityId) },
      tries: number('remainingAttempts'),
      page: number('page'),
      rows: number('rows'),
      count: number('results'),
      version: number('version'),
    },
  };
}

/** The sentence as plain text (for tests, titles and screen-reader labels). */
export function sentenceText(sentence: AuditSentence): string {
  return fill(sentence.template, Object.fromEntries(Object.entries(sentence.parts).map(([key, part]) => [key, part.text])));
}

/** The sentence in pieces for rendering: words, and the parts (some of them links) between them. */
export function sentencePieces(sentence: AuditSentence): Array<{ text: string; href?: string; key: string }> {
  return sentence.template
    .split(/(\{\w+\})/)
    .filter((piece) => piece !== '')
    .map((piece, index) => {
      const name = /^\{(\w+)\}$/.exec(piece)?.[1];
      const part = name ? sentence.parts[name] : undefined;
      return part ? { ...part, key: `${name}-${index}` } : { text: piece, key: `text-${index}` };
    });
}
