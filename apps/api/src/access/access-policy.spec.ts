import { decideAccess, listScope, missingRecord, Permission } from './access-policy';

const visit = { appointmentId: 'appointment-1', doctorId: 'doctor-1', patientId: 'patient-1' };
const doctor = { id: 'doctor-1', role: 'DOCTOR' as const };
const patient = { id: 'patient-1', role: 'PATIENT' as const };
const otherDoctor = { id: 'doctor-2', role: 'DOCTOR' as const };
const otherPatient = { id: 'patient-2', role: 'PATIENT' as const };
const admin = { id: 'admin-1', role: 'ADMIN' as const };

const allowed = (as: string) => ({ ok: true, as });
const notFound = { ok: false, code: 404, reason: 'not_found' };
const forbidden = { ok: false, code: 403, reason: 'forbidden' };

describe(decideAccess.name, () => {
  describe('a visit belongs to its doctor and its patient', () => {
    it.each<Permission>(['appointment.read', 'appointment.change', 'visit.read', 'visit.join', 'report.read'])(
      'lets both parties %s',
      (permission) => {
        expect(decideAccess(doctor, permission, visit)).toEqual(allowed('DOCTOR'));
        expect(decideAccess(patient, permission, visit)).toEqual(allowed('PATIENT'));
      },
    );

    it.each<Permission>([
      'appointment.read',
      'appointment.change',
      'visit.read',
      'visit.end',
      'notes.read',
      'notes.write',
      'report.read',
      'guests.manage',
    ])('tells another doctor or patient asking to %s that the record does not exist, so ids do not leak', (permission) => {
      expect(decideAccess(otherDoctor, permission, visit)).toMatchObject(notFound);
      expect(decideAccess(otherPatient, permission, visit)).toMatchObject(notFound);
    });

    it('refuses a stranger at the door of the room, whose id is unguessable, rather than pretending it does not exist', () => {
      expect(decideAccess(otherDoctor, 'visit.join', visit)).toMatchObject({ ...forbidden, error: expect.stringMatching(/not yours/) });
      expect(decideAccess(otherPatient, 'visit.join', visit)).toMatchObject(forbidden);
    });
  });

  describe('the doctor alone', () => {
    it('ends the visit; the patient is refused', () => {
      expect(decideAccess(doctor, 'visit.end', visit)).toEqual(allowed('DOCTOR'));
      expect(decideAccess(patient, 'visit.end', visit)).toMatchObject({ ...forbidden, error: 'Only the doctor can end the visit.' });
    });

    it('marks the call verified; the patient and a guest are refused', () => {
      expect(decideAccess(doctor, 'visit.verify', visit)).toEqual(allowed('DOCTOR'));
      expect(decideAccess(patient, 'visit.verify', visit)).toMatchObject({
        ...forbidden,
        error: 'Only the doctor can mark the call verified.',
      });
      const guest = { id: 'guest-1', role: 'GUEST' as const, visit: { appointmentId: visit.appointmentId } };
      expect(decideAccess(guest, 'visit.verify', visit)).toMatchObject(forbidden);
    });

    it('invites and removes guests; the patient is refused', () => {
      expect(decideAccess(doctor, 'guests.manage', visit)).toEqual(allowed('DOCTOR'));
      expect(decideAccess(patient, 'guests.manage', visit)).toMatchObject({
        ...forbidden,
        error: 'Only the doctor of this visit can invite or remove its guests.',
      });
    });

    it('reads and writes the notes; to the patient they do not exist', () => {
      expect(decideAccess(doctor, 'notes.read', visit)).toEqual(allowed('DOCTOR'));
      expect(decideAccess(doctor, 'notes.write', visit)).toEqual(allowed('DOCTOR'));
      expect(decideAccess(patient, 'notes.read', visit)).toMatchObject(notFound);
      expect(decideAccess(patient, 'notes.write', visit)).toMatchObject(notFound);
    });
  });

  describe('an admin', () => {
    it('reads any appointment of the clinic', () => {
      expect(decideAccess(admin, 'appointment.read', visit)).toEqual(allowed('ADMIN'));
    });

    it('may not change an appointment that is not theirs', () => {
      expect(decideAccess(admin, 'appointment.change', visit)).toMatchObject(forbidden);
    });

    it.each<Permission>(['visit.read', 'visit.end', 'notes.read', 'notes.write', 'report.read'])(
      'is told a visit record does not exist when asking to %s',
      (permission) => {
        expect(decideAccess(admin, permission, visit)).toMatchObject(notFound);
      },
    );

    it('never joins a visit, nor manages its guests', () => {
      expect(decideAccess(admin, 'visit.join', visit)).toMatchObject(forbidden);
      expect(decideAccess(admin, 'guests.manage', visit)).toMatchObject(forbidden);
    });

    it("alone reads the room overview, the audit log and the clinic's visits, and manages staff", () => {
      for (const permission of ['rooms.stats', 'audit.read', 'staff.manage', 'clinic-visits.read'] as const) {
        expect(decideAccess(admin, permission, undefined)).toEqual(allowed('ADMIN'));
        for (const someone of [doctor, patient, otherDoctor])
          expect(decideAccess(someone, permission, undefined)).toMatchObject({ ...forbidden, error: 'Only admins may do this.' });
      }
    });
  });

  describe('without a visit (the lists)', () => {
    it('lets everyone signed in list appointments and visits', () => {
      for (const someone of [doctor, patient, admin]) {
        expect(decideAccess(someone, 'appointment.read', undefined)).toEqual(allowed(someone.role));
        expect(decideAccess(someone, 'visit.read', undefined)).toEqual(allowed(someone.role));
      }
    });

    it('answers a permission on a record that is missing as not found', () => {
      expect(decideAccess(doctor, 'notes.read', undefined)).toMatchObject(notFound);
      expect(decideAccess(doctor, 'visit.end', undefined)).toMatchObject(notFound);
    });
  });
});

describe('a session opened by a visit link', () => {
  const linkPatient = { ...patient, visit: { appointmentId: 'appointment-1' } };
  const otherVisitOfTheSamePatient = { ...visit, appointmentId: 'appointment-2' };
  const visitLinkOnly = { ok: false, code: 403, reason: 'visit_link_only' };

  it.each<Permission>(['appointment.read', 'visit.read', 'visit.join', 'report.read'])('may %s its own visit', (permission) => {
    expect(decideAccess(linkPatient, permission, visit)).toEqual(allowed('PATIENT'));
  });

  it('is a stranger to every other visit, even one of the same patient', () => {
    expect(decideAccess(linkPatient, 'appointment.read', otherVisitOfTheSamePatient)).toMatchObject(notFound);
    expect(decideAccess(linkPatient, 'report.read', otherVisitOfTheSamePatient)).toMatchObject(notFound);
    expect(decideAccess(linkPatient, 'visit.join', otherVisitOfTheSamePatient)).toMatchObject(forbidden);
  });

  it('may not change its visit or its guests, nor see lists or admin pages', () => {
    expect(decideAccess(linkPatient, 'appointment.change', visit)).toMatchObject(visitLinkOnly);
    expect(decideAccess(linkPatient, 'guests.manage', visit)).toMatchObject(visitLinkOnly);
    expect(decideAccess(linkPatient, 'appointment.read', undefined)).toMatchObject(visitLinkOnly);
    expect(decideAccess(linkPatient, 'visit.read', undefined)).toMatchObject(visitLinkOnly);
    expect(decideAccess(linkPatient, 'audit.read', undefined)).toMatchObject(visitLinkOnly);
    expect(decideAccess(linkPatient, 'clinic-visits.read', undefined)).toMatchObject(visitLinkOnly);
  });
});

describe('a guest of a visit (an interpreter, a caregiver), always by a link of their own', () => {
  const guest = { id: 'guest-1', role: 'GUEST' as const, visit: { appointmentId: 'appointment-1' } };
  const otherVisit = { ...visit, appointmentId: 'appointment-2' };
  const visitLinkOnly = { ok: false, code: 403, reason: 'visit_link_only' };

  it.each<Permission>(['visit.join', 'appointment.read'])('may %s on its own visit, as a guest', (permission) => {
    expect(decideAccess(guest, permission, visit)).toEqual(allowed('GUEST'));
  });

  it.each<Permission>(['visit.read', 'report.read', 'notes.read', 'notes.write'])(
    'is told the record of its own visit does not exist when asking to %s',
    (permission) => {
      expect(decideAccess(guest, permission, visit)).toMatchObject(notFound);
    },
  );

  it('may not end the visit, message its waiting room, manage its guests or change it', () => {
    expect(decideAccess(guest, 'visit.end', visit)).toMatchObject({ ...forbidden, error: 'Only the doctor can end the visit.' });
    expect(decideAccess(guest, 'visit.message', visit)).toMatchObject(forbidden);
    expect(decideAccess(guest, 'guests.manage', visit)).toMatchObject(forbidden);
    expect(decideAccess(guest, 'appointment.change', visit)).toMatchObject(visitLinkOnly);
  });

  it('is a stranger to every other visit', () => {
    expect(decideAccess(guest, 'appointment.read', otherVisit)).toMatchObject(notFound);
    expect(decideAccess(guest, 'visit.join', otherVisit)).toMatchObject(forbidden);
    expect(decideAccess(guest, 'report.read', otherVisit)).toMatchObject(notFound);
  });

  it('has no lists and no admin pages', () => {
    for (const permission of ['appointment.read', 'visit.read', 'rooms.stats', 'audit.read', 'staff.manage', 'clinic-visits.read'] as const)
      expect(decideAccess(guest, permission, undefined)).toMatchObject(visitLinkOnly);
    expect(listScope(guest)).toEqual({ party: 'none' });
  });

  it('holds nothing without a visit scope (no such session is issued)', () => {
    const unscoped = { id: 'guest-1', role: 'GUEST' as const };
    expect(decideAccess(unscoped, 'visit.join', visit)).toMatchObject(visitLinkOnly);
    expect(decideAccess(unscoped, 'appointment.read', visit)).toMatchObject(visitLinkOnly);
  });
});

describe(missingRecord.name, () => {
  it('names the kind of record that was asked for', () => {
    expect(missingRecord('appointment.change').error).toBe('No appointment with this id was found.');
    expect(missingRecord('guests.manage').error).toBe('No appointment with this id was found.');
    expect(missingRecord('report.read').error).toBe('No session with this id was found.');
    expect(missingRecord('visit.join').error).toBe('No visit has this room.');
  });
});

describe(listScope.name, () => {
  it('shows a doctor and a patient their own visits and an admin the clinic’s', () => {
    expect(listScope(doctor)).toEqual({ party: 'doctor', userId: 'doctor-1' });
    expect(listScope(patient)).toEqual({ party: 'patient', userId: 'patient-1' });
    expect(listScope(admin)).toEqual({ party: 'any' });
  });
});
