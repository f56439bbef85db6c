import { GUEST_ROLES, type AuditLogEntry, type AuditVisit, type GuestRole, type Role } from '@telehealth/contracts';
import type { Translator } from '@/i18n/translator';
import type adminMessages from '@/messages/en/admin.json';
import { formatDateTime } from './time';

/** A filled-in placeholder of a sentence: its words, and where they lead when they name a page. */
export interface SentencePart {
  text: string;
  href?: string;
}

/**
 * An audit entry as a sentence: the whole sentence in the page's language with named placeholders
 * left in it ("{actor} ended {visit}"), so a translator gets the sentence whole, and the parts that
 * fill it (the visit is a link to the admin's page of that visit). Counts are written in already.
 */
export interface AuditSentence {
  template: string;
  parts: Record<string, SentencePart>;
}

/** The name of an entry's message in the catalogue (`admin.audit.actions.<key>`). */
export type AuditActionKey = keyof (typeof adminMessages)['audit']['actions'];

type Detail = NonNullable<AuditLogEntry['detail']>;
type Wording = AuditActionKey | ((detail: Detail, entry: AuditLogEntry) => AuditActionKey);

/** A count the entry's detail carries, or null when it carries none (an entry written before it did). */
function count(detail: Detail, key: string): number | null {
  const value = detail[key];
  return typeof value === 'number' ? value : null;
}

const SIGN_IN_FAILED: Record<string, AuditActionKey> = {
  'unknown-account': 'signInUnknownAccount',
  'wrong-password': 'signInWrongPassword',
  deactivated: 'signInDeactivated',
  guest: 'signInGuest',
};

const SIGN_IN_PAUSED: Record<string, AuditActionKey> = {
  account: 'signInPausedAccount',
  address: 'signInPausedAddress',
  'account-address': 'signInPausedAccountAddress',
};

const LINK_REFUSED: Record<string, AuditActionKey> = {
  unknown: 'linkRefusedUnknown',
  'guest-removed': 'linkRefusedGuestRemoved',
  stale: 'linkRefusedStale',
};

/** Every action the API writes to the log (apps/api/src: `action:`), by its message; a spec fails when one is missing. */
export const AUDIT_WORDING: Record<string, Wording> = {
  // Accounts and signing in.
  'auth.register': 'register',
  'auth.register.email-taken': 'registerEmailTaken',
  'auth.register.throttled': 'registerThrottled',
  'auth.sign-in': 'signIn',
  'auth.sign-in.failed': (detail) => {
    if (detail.paused === true) return 'signInWrongPasswordPaused';
    const key = SIGN_IN_FAILED[String(detail.reason)] ?? 'signInUnknownAccount';
    return key === 'signInWrongPassword' && count(detail, 'remainingAttempts') === null ? 'signInWrongPasswordNoCount' : key;
  },
  'auth.sign-in.throttled': (detail) => SIGN_IN_PAUSED[String(detail.scope)] ?? 'signInPausedAddress',
  'auth.sign-out': 'signOut',
  'auth.password.chosen': 'passwordChosen',
  'auth.password.forgot.throttled': 'passwordForgotThrottled',
  'auth.password.reset-requested': (detail) =>
    detail.sent === true ? 'passwordResetSent' : detail.emailThrottled === true ? 'passwordResetThrottled' : 'passwordResetNoAccount',
  'auth.password.reset.refused': 'passwordResetRefused',
  'auth.password.reset': (detail) => (detail.purpose === 'invitation' ? 'passwordInvitationAccepted' : 'passwordReset'),
  'user.profile_updated': 'profileUpdated',
  // Staff and the admin's pages.
  'staff.invite': 'staffInvite',
  'staff.list': 'staffList',
  'staff.deactivate': 'staffDeactivate',
  'staff.reactivate': 'staffReactivate',
  'rooms.stats.read': 'roomsRead',
  'room.join-checked': 'roomJoinChecked',
  'room.leave': 'roomLeave',
  'room.read': 'roomRead',
  'audit.read': (detail) => (count(detail, 'page') === null ? 'auditReadNoPage' : 'auditRead'),
  'audit.verify': (detail) =>
    detail.intact !== true ? 'auditBroken' : count(detail, 'rows') === null ? 'auditIntactNoCount' : 'auditIntact',
  'clinic-visit.list': 'clinicVisitList',
  'clinic-visit.read': 'clinicVisitRead',
  // Refusals.
  'access.forbidden': (_detail, entry) => (entry.visit ? 'forbiddenVisit' : 'forbiddenRoute'),
  'access.not-found': (_detail, entry) => (entry.visit ? 'notFoundVisit' : 'notFoundRoute'),
  'signaling.join-refused': 'joinRefused',
  // Booking.
  'patient.search': (detail) => (count(detail, 'results') === null ? 'patientSearchNoCount' : 'patientSearch'),
  'appointment.create': 'appointmentCreate',
  'appointment.list': 'appointmentList',
  'appointment.read': 'appointmentRead',
  'appointment.reschedule': 'appointmentReschedule',
  'appointment.cancel': 'appointmentCancel',
  'appointment.no-show': 'appointmentNoShow',
  'appointment.invitation.read': 'invitationRead',
  'appointment.calendar.read': 'calendarRead',
  // Coming in by a visit link.
  'visit-link.redeem': (detail) => (detail.by === 'code' ? 'linkRedeemCode' : 'linkRedeemToken'),
  'visit-link.redeem.refused': (detail) => LINK_REFUSED[String(detail.why)] ?? 'linkRefusedUnknown',
  'visit-link.redeem.throttled': 'linkThrottled',
  // Guests.
  'visit-guest.invite': 'guestInvite',
  'visit-guest.list': 'guestList',
  'visit-guest.remove': 'guestRemove',
  'visit-guest.admit': 'guestAdmit',
  'visit-guest.decline': 'guestDecline',
  // The visit and its record.
  'session.lobby': 'lobby',
  'session.join': 'join',
  'session.call_verified': 'callVerified',
  'session.end': 'sessionEnd',
  'session.list': 'sessionList',
  'session.read': 'sessionRead',
  'notes.read': 'notesRead',
  'notes.update': (detail) => (count(detail, 'version') === null ? 'notesUpdateNoVersion' : 'notesUpdate'),
  'report.read': 'reportRead',
};

/** The parts a sentence names, left in its template as `{name}` for the page to fill (the visit as a link). */
const PLACEHOLDERS = { actor: '{actor}', visit: '{visit}', person: '{person}', route: '{route}', action: '{action}' } as const;

/** "Dr. Ana Ruiz (doctor)", "Ines Vidal (interpreter)": a name with the part its person plays; the name alone when unknown. */
function nameWithRole(name: string, role: Role | GuestRole | null | undefined, t: Translator<'admin'>): string {
  if (!role) return name;
  return t('audit.nameWithRole', { name, role: role === 'OTHER' ? 'GUEST' : role });
}

// The visit, seen from whoever acted: one of its people sees "the visit with" the other.
function visitPart(visit: AuditVisit | null, actorId: string | null, timeZone: string, t: Translator<'admin'>): SentencePart {
  if (!visit) return { text: t('audit.unknownVisit') };
  const when = formatDateTime(visit.scheduledStart, timeZone);
  const party = actorId === visit.doctor.id ? visit.patient : actorId === visit.patient.id ? visit.doctor : null;
  const text = party
    ? t('audit.visitWith', { other: party.name, when })
    : t('audit.visitOf', { patient: visit.patient.name, doctor: visit.doctor.name, when });
  return { text, href: `/admin/visits/${encodeURIComponent(visit.sessionId)}` };
}

function personPart(entry: AuditLogEntry, t: Translator<'admin'>): SentencePart {
  if (!entry.person) return { text: t('audit.unknownPerson') };
  // An invitation says the guest's part; other entries about a guest name them as a guest.
  const guestRole = GUEST_ROLES.find((role) => role === entry.detail?.guestRole);
  return { text: nameWithRole(entry.person.name, guestRole ?? entry.person.role, t) };
}

/** "GET /api/staff": the request a refusal was about, when it named no visit. */
function routeText(detail: Detail, entityId: string | null): string {
  return [typeof detail.method === 'string' ? detail.method : null, entityId].filter(Boolean).join(' ');
}

/** What an entry says, as a sentence in the page's language with names and a link to the visit it is about; times in `timeZone`. */
export function auditSentence(entry: AuditLogEntry, timeZone: string, t: Translator<'admin'>): AuditSentence {
  const detail: Detail = entry.detail ?? {};
  const counts = { tries: 'remainingAttempts', page: 'page', rows: 'rows', count: 'results', version: 'version' } as const;
  const values: Record<string, string | number> = { ...PLACEHOLDERS };
  for (const [name, key] of Object.entries(counts)) {
    const value = count(detail, key);
    if (value !== null) values[name] = value;
  }
  let template: string;
  if (Object.hasOwn(AUDIT_WORDING, entry.action)) {
    const wording = AUDIT_WORDING[entry.action]!;
    template = t(`audit.actions.${typeof wording === 'string' ? wording : wording(detail, entry)}`, values);
  } else {
    // An action the wording does not know yet (written by a newer API): said as stored, never dropped.
    template = t('audit.unknownAction', values);
  }
  return {
    template,
    parts: {
      actor: { text: entry.actor ? nameWithRole(entry.actor.name, entry.actor.role, t) : t('audit.system') },
      visit: visitPart(entry.visit, entry.actor?.id ?? null, timeZone, t),
      person: personPart(entry, t),
      action: { text: entry.action },
      route: { text: routeText(detail, entry.entityId) },
    },
  };
}

/** Fills `{name}` placeholders with the parts' words. */
function fill(template: string, parts: Record<string, SentencePart>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => parts[key]?.text ?? whole);
}

/** The sentence as plain text (for tests, titles and screen-reader labels). */
export function sentenceText(sentence: AuditSentence): string {
  return fill(sentence.template, sentence.parts);
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
