import { auditSubjects } from './audit-subjects';

const id = '6f1c2b1e-4a57-4d7e-9a0e-3c1f5e8b2d40';
const other = '0b7e9c5d-1f2a-4c3b-8d4e-5f6a7b8c9d0e';

describe(auditSubjects.name, () => {
  it('names the visit of an entry about a session, an appointment or a room', () => {
    expect(auditSubjects({ entityType: 'session', entityId: id, detail: null }).visit).toEqual({ by: 'session', id });
    expect(auditSubjects({ entityType: 'appointment', entityId: id, detail: null }).visit).toEqual({ by: 'appointment', id });
    expect(auditSubjects({ entityType: 'room', entityId: 'room-1', detail: null }).visit).toEqual({ by: 'room', id: 'room-1' });
  });

  it('names the visit a refused request asked for by its path', () => {
    expect(auditSubjects({ entityType: 'route', entityId: `/api/sessions/${id}/notes`, detail: null }).visit).toEqual({
      by: 'session',
      id,
    });
    expect(auditSubjects({ entityType: 'route', entityId: `/api/appointments/${id}`, detail: null }).visit).toEqual({
      by: 'appointment',
      id,
    });
    expect(auditSubjects({ entityType: 'route', entityId: `/api/admin/visits/${id}`, detail: null }).visit).toEqual({ by: 'session', id });
    expect(auditSubjects({ entityType: 'route', entityId: '/api/staff', detail: null }).visit).toBeNull();
  });

  it('names the account of an entry about a user, and the guest or peer of an entry about a visit', () => {
    expect(auditSubjects({ entityType: 'user', entityId: id, detail: null })).toEqual({ visit: null, personId: id });
    expect(auditSubjects({ entityType: 'appointment', entityId: id, detail: { guestId: other } })).toEqual({
      visit: { by: 'appointment', id },
      personId: other,
    });
    expect(auditSubjects({ entityType: 'session', entityId: id, detail: { peerId: other } }).personId).toBe(other);
  });

  it('names nothing by an id that is not a UUID', () => {
    expect(auditSubjects({ entityType: 'session', entityId: 'session 77180967', detail: { guestId: 'x' } })).toEqual({
      visit: null,
      personId: null,
    });
    expect(auditSubjects({ entityType: 'user', entityId: null, detail: null })).toEqual({ visit: null, personId: null });
  });
});
