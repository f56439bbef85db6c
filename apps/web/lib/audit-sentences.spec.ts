import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditLogEntry } from '@telehealth/contracts';
import { translator } from '@/i18n/translator';
import { AUDIT_WORDING, auditSentence, sentencePieces, sentenceText } from './audit-sentences';
import { formatDateTime } from './time';

const ZONE = 'Europe/Berlin';
const t = translator('admin');
const STARTS = '2026-11-30T09:42:00.000Z';
const WHEN = formatDateTime(STARTS, ZONE);
const doctor = { id: 'd0c70000-0000-4000-8000-000000000001', name: 'Dr. Ana Ruiz', role: 'DOCTOR' as const };
const patient = { id: '9a7e0000-0000-4000-8000-000000000002', name: 'Sam Lee', role: 'PATIENT' as const };
const admin = { id: 'ad000000-0000-4000-8000-000000000003', name: 'Nina Park', role: 'ADMIN' as const };
const visit = {
  sessionId: '5e550000-0000-4000-8000-000000000004',
  appointmentId: 'a9900000-0000-4000-8000-000000000005',
  doctor: { id: doctor.id, name: doctor.name },
  patient: { id: patient.id, name: patient.name },
  scheduledStart: STARTS,
};

function entry(action: string, fields: Partial<AuditLogEntry> = {}): AuditLogEntry {
  return {
    id: 'e0000000-0000-4000-8000-000000000006',
    occurredAt: STARTS,
    actor: null,
    action,
    entityType: 'session',
    entityId: visit.sessionId,
    ip: '203.0.113.7',
    detail: null,
    visit: null,
    person: null,
    ...fields,
  };
}

const say = (fields: Partial<AuditLogEntry> & { action: string }) => sentenceText(auditSentence(entry(fields.action, fields), ZONE, t));

/** Every action string the API writes: the quoted names between `action:` and the entity type that follows it. */
function actionsWrittenByTheApi(): string[] {
  const root = join(__dirname, '../../api/src');
  const files = (readdirSync(root, { recursive: true }) as string[]).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.startsWith('generated'),
  );
  const actions = new Set<string>();
  for (const file of files) {
    const code = readFileSync(join(root, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    for (const [, written] of code.matchAll(/action:([\s\S]{0,300}?)entityType/g)) {
      for (const [, name] of written!.matchAll(/'([a-z][a-z_-]*(?:\.[a-z_-]+)+)'/g)) actions.add(name!);
    }
  }
  return [...actions].sort();
}

describe(auditSentence.name, () => {
  it('has words for every action the API writes to the log', () => {
    const written = actionsWrittenByTheApi();
    expect(written.length).toBeGreaterThan(40);
    expect(written.filter((action) => !Object.hasOwn(AUDIT_WORDING, action))).toEqual([]);
  });

  it('names the visit from the side of whoever acted, with a link to the admin’s page of the visit', () => {
    const ended = auditSentence(entry('session.end', { actor: doctor, visit }), ZONE, t);
    expect(sentenceText(ended)).toBe(`Dr. Ana Ruiz (doctor) ended the visit with Sam Lee on ${WHEN}`);
    expect(ended.parts.visit).toEqual({ text: `the visit with Sam Lee on ${WHEN}`, href: `/admin/visits/${visit.sessionId}` });
    expect(say({ action: 'session.join', actor: patient, visit })).toBe(
      `Sam Lee (patient) entered a call for the visit with Dr. Ana Ruiz on ${WHEN}`,
    );
    expect(say({ action: 'clinic-visit.read', actor: admin, visit })).toBe(
      `Nina Park (admin) looked at the visit of Sam Lee with Dr. Ana Ruiz on ${WHEN}`,
    );
  });

  it('puts the link where the sentence names the visit, and nowhere else', () => {
    const pieces = sentencePieces(auditSentence(entry('notes.update', { actor: doctor, visit, detail: { version: 3 } }), ZONE, t));
    expect(pieces.map((piece) => piece.text).join('')).toBe(
      `Dr. Ana Ruiz (doctor) saved notes on the visit with Sam Lee on ${WHEN} (version 3)`,
    );
    expect(pieces.filter((piece) => piece.href).map((piece) => piece.href)).toEqual([`/admin/visits/${visit.sessionId}`]);
  });

  it('says so when the visit is no longer on record, without a link', () => {
    const sentence = auditSentence(entry('appointment.cancel', { actor: doctor }), ZONE, t);
    expect(sentenceText(sentence)).toBe('Dr. Ana Ruiz (doctor) cancelled a visit no longer on record');
    expect(sentence.parts.visit!.href).toBeUndefined();
  });

  it('words the booking and the visit record', () => {
    const by = { actor: doctor, visit };
    expect(say({ action: 'appointment.create', ...by })).toBe(`Dr. Ana Ruiz (doctor) booked the visit with Sam Lee on ${WHEN}`);
    expect(say({ action: 'appointment.list', actor: admin })).toBe('Nina Park (admin) looked at the list of visits');
    expect(say({ action: 'appointment.read', ...by })).toBe(`Dr. Ana Ruiz (doctor) opened the visit with Sam Lee on ${WHEN}`);
    expect(say({ action: 'appointment.reschedule', ...by })).toBe(`Dr. Ana Ruiz (doctor) rescheduled the visit with Sam Lee on ${WHEN}`);
    expect(say({ action: 'appointment.cancel', actor: patient, visit })).toBe(
      `Sam Lee (patient) cancelled the visit with Dr. Ana Ruiz on ${WHEN}`,
    );
    expect(say({ action: 'appointment.no-show', visit })).toBe(
      `The clinic marked the visit of Sam Lee with Dr. Ana Ruiz on ${WHEN} as missed: nobody joined in time`,
    );
    expect(say({ action: 'appointment.invitation.read', ...by })).toBe(
      `Dr. Ana Ruiz (doctor) looked at the invitation (link and code) of the visit with Sam Lee on ${WHEN}`,
    );
    expect(say({ action: 'appointment.calendar.read', ...by })).toBe(
      `Dr. Ana Ruiz (doctor) downloaded the calendar file of the visit with Sam Lee on ${WHEN}`,
    );
    expect(say({ action: 'patient.search', actor: doctor, detail: { results: 4 } })).toBe(
      'Dr. Ana Ruiz (doctor) searched the patients (4 found)',
    );
    expect(say({ action: 'session.lobby', actor: patient, visit })).toBe(
      `Sam Lee (patient) waited in the lobby of the visit with Dr. Ana Ruiz on ${WHEN}`,
    );
    expect(say({ action: 'session.list', actor: patient })).toBe('Sam Lee (patient) looked at the list of past visits');
    expect(say({ action: 'session.read', ...by })).toBe(`Dr. Ana Ruiz (doctor) opened the record of the visit with Sam Lee on ${WHEN}`);
    expect(say({ action: 'notes.read', ...by })).toBe(`Dr. Ana Ruiz (doctor) read the notes of the visit with Sam Lee on ${WHEN}`);
    expect(say({ action: 'report.read', actor: patient, visit })).toBe(
      `Sam Lee (patient) downloaded the report of the visit with Dr. Ana Ruiz on ${WHEN}`,
    );
  });

  it('names guests with their part, and the other side of a verified call', () => {
    const guest = { id: 'f0000000-0000-4000-8000-000000000007', name: 'Ines Vidal', role: 'GUEST' as const };
    const by = { actor: doctor, visit, person: guest };
    expect(say({ action: 'visit-guest.invite', ...by, detail: { guestId: guest.id, guestRole: 'INTERPRETER' } })).toBe(
      `Dr. Ana Ruiz (doctor) invited Ines Vidal (interpreter) to the visit with Sam Lee on ${WHEN}`,
    );
    expect(say({ action: 'visit-guest.list', actor: doctor, visit })).toBe(
      `Dr. Ana Ruiz (doctor) looked at the guests of the visit with Sam Lee on ${WHEN}`,
    );
    expect(say({ action: 'visit-guest.remove', ...by })).toBe(
      `Dr. Ana Ruiz (doctor) removed Ines Vidal (guest) from the visit with Sam Lee on ${WHEN}`,
    );
    expect(say({ action: 'visit-guest.admit', ...by })).toBe(
      `Dr. Ana Ruiz (doctor) let Ines Vidal (guest) into the call of the visit with Sam Lee on ${WHEN}`,
    );
    expect(say({ action: 'visit-guest.decline', ...by })).toBe(
      `Dr. Ana Ruiz (doctor) turned Ines Vidal (guest) away from the call of the visit with Sam Lee on ${WHEN}`,
    );
    expect(say({ action: 'session.call_verified', actor: doctor, visit, person: patient })).toBe(
      `Dr. Ana Ruiz (doctor) verified the call with Sam Lee (patient) in the visit with Sam Lee on ${WHEN}`,
    );
  });

  it('words visit links and codes, used, refused and throttled', () => {
    expect(say({ action: 'visit-link.redeem', actor: patient, visit, detail: { by: 'token', as: 'patient' } })).toBe(
      `Sam Lee (patient) came in with their link to the visit with Dr. Ana Ruiz on ${WHEN}`,
    );
    expect(say({ action: 'visit-link.redeem', actor: patient, visit, detail: { by: 'code', as: 'patient' } })).toBe(
      `Sam Lee (patient) came in with the code of the visit with Dr. Ana Ruiz on ${WHEN}`,
    );
    expect(say({ action: 'visit-link.redeem.refused', detail: { by: 'code', why: 'unknown' } })).toBe(
      'A visit link or code that does not exist was refused',
    );
    expect(say({ action: 'visit-link.redeem.refused', visit, detail: { by: 'token', why: 'stale' } })).toBe(
      `An old or revoked link to the visit of Sam Lee with Dr. Ana Ruiz on ${WHEN} was refused`,
    );
    expect(say({ action: 'visit-link.redeem.refused', visit, detail: { by: 'token', why: 'guest-removed' } })).toBe(
      `The link of a removed guest to the visit of Sam Lee with Dr. Ana Ruiz on ${WHEN} was refused`,
    );
    expect(say({ action: 'visit-link.redeem.throttled', detail: { by: 'code' } })).toBe(
      'Visit links and codes from one address were paused: too many tries',
    );
  });

  it('words signing up, signing in and out, and passwords', () => {
    const account = { person: patient, entityType: 'user', entityId: patient.id };
    expect(say({ action: 'auth.register', actor: patient, ...account })).toBe('Sam Lee (patient) signed up as a patient');
    expect(say({ action: 'auth.register.email-taken', ...account })).toBe('Someone tried to sign up with the email of Sam Lee (patient)');
    expect(say({ action: 'auth.register.throttled' })).toBe('Sign-ups from one address were paused: too many in an hour');
    expect(say({ action: 'auth.sign-in', actor: doctor })).toBe('Dr. Ana Ruiz (doctor) signed in');
    expect(
      say({ action: 'auth.sign-in.failed', ...account, detail: { reason: 'wrong-password', remainingAttempts: 2, paused: false } }),
    ).toBe('A sign-in as Sam Lee (patient) failed: wrong password (2 tries left before a pause)');
    expect(
      say({ action: 'auth.sign-in.failed', ...account, detail: { reason: 'wrong-password', remainingAttempts: 0, paused: true } }),
    ).toBe('A sign-in as Sam Lee (patient) failed: wrong password, and sign-in is now paused after too many tries');
    expect(say({ action: 'auth.sign-in.failed', detail: { reason: 'unknown-account', remainingAttempts: 4, paused: false } })).toBe(
      'A sign-in failed: no account has that email',
    );
    expect(say({ action: 'auth.sign-in.failed', ...account, detail: { reason: 'deactivated', remainingAttempts: 4, paused: false } })).toBe(
      'A sign-in as Sam Lee (patient) was refused: the account is deactivated',
    );
    expect(say({ action: 'auth.sign-in.failed', ...account, detail: { reason: 'guest', remainingAttempts: 4, paused: false } })).toBe(
      'A sign-in as Sam Lee (patient) was refused: a guest comes in by their visit link only',
    );
    expect(say({ action: 'auth.sign-in.throttled', detail: { scope: 'account', retryAfterSeconds: 900 } })).toBe(
      'Sign-in to one account was paused after too many failed tries',
    );
    expect(say({ action: 'auth.sign-in.throttled', detail: { scope: 'address', retryAfterSeconds: 900 } })).toBe(
      'Sign-in from one address was paused after too many failed tries',
    );
    expect(say({ action: 'auth.sign-out', actor: doctor })).toBe('Dr. Ana Ruiz (doctor) signed out everywhere');
    expect(say({ action: 'auth.password.chosen', actor: patient })).toBe('Sam Lee (patient) chose a password for their account');
    expect(say({ action: 'auth.password.forgot.throttled' })).toBe(
      'Password reset requests from one address were paused: too many in an hour',
    );
    expect(say({ action: 'auth.password.reset-requested', ...account, detail: { sent: true, emailThrottled: false } })).toBe(
      'A password reset link was emailed to Sam Lee (patient)',
    );
    expect(say({ action: 'auth.password.reset-requested', ...account, detail: { sent: false, emailThrottled: true } })).toBe(
      'A password reset for Sam Lee (patient) was not emailed: too many were asked for in an hour',
    );
    expect(say({ action: 'auth.password.reset-requested', detail: { sent: false, emailThrottled: false } })).toBe(
      'A password reset was asked for an email with no active account',
    );
    expect(say({ action: 'auth.password.reset.refused' })).toBe('A password reset was refused: its link was invalid, used or expired');
    expect(say({ action: 'auth.password.reset', actor: doctor, detail: { purpose: 'invitation' } })).toBe(
      'Dr. Ana Ruiz (doctor) accepted their invitation and chose a password',
    );
    expect(say({ action: 'auth.password.reset', actor: doctor, detail: { purpose: 'reset' } })).toBe(
      'Dr. Ana Ruiz (doctor) set a new password with a reset link',
    );
  });

  it('words a change to one’s own profile', () => {
    expect(say({ action: 'user.profile_updated', actor: patient, detail: { changed: 'language' } })).toBe(
      'Sam Lee (patient) changed their profile',
    );
  });

  it('words the staff and the admin’s own pages', () => {
    const newDoctor = { id: 'b0000000-0000-4000-8000-000000000008', name: 'Dr. Jonas Berg', role: 'DOCTOR' as const };
    expect(say({ action: 'staff.invite', actor: admin, person: newDoctor, detail: { role: 'DOCTOR' } })).toBe(
      'Nina Park (admin) invited Dr. Jonas Berg (doctor)',
    );
    expect(say({ action: 'staff.list', actor: admin })).toBe('Nina Park (admin) looked at the staff list');
    expect(say({ action: 'staff.deactivate', actor: admin, person: newDoctor })).toBe(
      'Nina Park (admin) deactivated the account of Dr. Jonas Berg (doctor)',
    );
    expect(say({ action: 'staff.reactivate', actor: admin, person: newDoctor })).toBe(
      'Nina Park (admin) reactivated the account of Dr. Jonas Berg (doctor)',
    );
    expect(say({ action: 'staff.deactivate', actor: admin })).toBe(
      'Nina Park (admin) deactivated the account of someone no longer on record',
    );
    expect(say({ action: 'rooms.stats.read', actor: admin })).toBe('Nina Park (admin) looked at the open calls');
    expect(say({ action: 'audit.read', actor: admin, detail: { page: 2, shown: 20 } })).toBe(
      'Nina Park (admin) read the audit log (page 2)',
    );
    expect(say({ action: 'audit.verify', actor: admin, detail: { intact: true, rows: 1520 } })).toBe(
      'Nina Park (admin) checked the audit log: its chain is intact (1,520 entries)',
    );
    expect(say({ action: 'audit.verify', actor: admin, detail: { intact: false, rows: 1520 } })).toBe(
      'Nina Park (admin) checked the audit log: its chain is broken',
    );
    expect(say({ action: 'clinic-visit.list', actor: admin })).toBe('Nina Park (admin) looked at the list of the clinic’s visits');
  });

  it('words refusals, naming the visit asked for when there was one', () => {
    const route = { entityType: 'route', detail: { method: 'GET', route: '/api/staff', status: 403 } };
    expect(say({ action: 'access.forbidden', actor: patient, entityId: '/api/staff', ...route })).toBe(
      'Sam Lee (patient) was refused GET /api/staff',
    );
    expect(say({ action: 'access.forbidden', actor: patient, visit, entityId: `/api/sessions/${visit.sessionId}/end`, ...route })).toBe(
      `Sam Lee (patient) was refused the visit with Dr. Ana Ruiz on ${WHEN}`,
    );
    const stranger = { id: 'c0000000-0000-4000-8000-000000000009', name: 'Leo Park', role: 'PATIENT' as const };
    expect(say({ action: 'access.not-found', actor: stranger, visit, entityId: `/api/sessions/${visit.sessionId}`, ...route })).toBe(
      `Leo Park (patient) asked for the visit of Sam Lee with Dr. Ana Ruiz on ${WHEN}, which is not theirs to see`,
    );
    expect(say({ action: 'access.not-found', actor: stranger, entityId: '/api/sessions/nothing', ...route })).toBe(
      'Leo Park (patient) asked for something that does not exist: GET /api/sessions/nothing',
    );
    expect(say({ action: 'signaling.join-refused', actor: stranger, visit, entityType: 'room', detail: { code: 403 } })).toBe(
      `Leo Park (patient) was refused entry to the call of the visit of Sam Lee with Dr. Ana Ruiz on ${WHEN}`,
    );
  });

  it('says an action it does not know as it is stored', () => {
    expect(say({ action: 'telepathy.read', actor: admin })).toBe('Nina Park (admin): telepathy.read');
  });

  it('says an entry without its count in words, never with a question mark', () => {
    expect(say({ action: 'patient.search', actor: doctor })).toBe('Dr. Ana Ruiz (doctor) searched the patients');
    expect(say({ action: 'audit.verify', actor: admin, detail: { intact: true } })).toBe(
      'Nina Park (admin) checked the audit log: its chain is intact',
    );
    expect(say({ action: 'auth.sign-in.failed', person: patient, detail: { reason: 'wrong-password' } })).toBe(
      'A sign-in as Sam Lee (patient) failed: wrong password',
    );
    expect(say({ action: 'auth.sign-in.failed', person: patient, detail: { reason: 'wrong-password', remainingAttempts: 1 } })).toBe(
      'A sign-in as Sam Lee (patient) failed: wrong password (1 try left before a pause)',
    );
  });
});

describe(`${auditSentence.name} in Spanish and Arabic`, () => {
  const es = translator('admin', 'es');
  const ar = translator('admin', 'ar');
  const sayIn = (tr: typeof es, fields: Partial<AuditLogEntry> & { action: string }) =>
    sentenceText(auditSentence(entry(fields.action, fields), ZONE, tr));

  it('words the whole sentence in the language, the visit still the one link', () => {
    const sentence = auditSentence(entry('session.end', { actor: doctor, visit }), ZONE, es);
    expect(sentenceText(sentence)).toBe(`Dr. Ana Ruiz (médico) finalizó la consulta con Sam Lee del ${WHEN}`);
    expect(
      sentencePieces(sentence)
        .filter((piece) => piece.href)
        .map((piece) => piece.text),
    ).toEqual([`la consulta con Sam Lee del ${WHEN}`]);
    expect(sayIn(ar, { action: 'session.end', actor: doctor, visit })).toBe(`أنهى Dr. Ana Ruiz (طبيب) الزيارة مع Sam Lee بتاريخ ${WHEN}`);
  });

  it('counts with each language’s plural forms', () => {
    const failed = { action: 'auth.sign-in.failed', person: patient } as const;
    expect(sayIn(es, { ...failed, detail: { reason: 'wrong-password', remainingAttempts: 1, paused: false } })).toBe(
      'Falló un inicio de sesión como Sam Lee (paciente): contraseña incorrecta (queda 1 intento antes de una pausa)',
    );
    expect(sayIn(ar, { ...failed, detail: { reason: 'wrong-password', remainingAttempts: 2, paused: false } })).toBe(
      'فشلت محاولة تسجيل دخول باسم Sam Lee (مريض): كلمة مرور خاطئة (تتبقى محاولتان قبل الإيقاف المؤقت)',
    );
    expect(sayIn(ar, { action: 'patient.search', actor: doctor, detail: { results: 4 } })).toContain('عُثر على');
  });

  it('names the system and those no longer on record in the language', () => {
    expect(sayIn(es, { action: 'staff.deactivate', actor: admin })).toBe(
      'Nina Park (administrador) desactivó la cuenta de alguien que ya no figura en los registros',
    );
    expect(sayIn(ar, { action: 'appointment.no-show' })).toBe(
      'سجّلت العيادة زيارة لم تعد في السجلات على أنها فائتة: لم ينضم أحد في الوقت المحدد',
    );
  });
});
