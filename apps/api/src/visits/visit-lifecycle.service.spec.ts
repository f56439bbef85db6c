import { VisitEvents } from '../common/visit-events';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import type { RequestContext } from '../common/request-context';
import type { AppConfig } from '../config/app-config';
import { VisitLifecycleService, VisitRooms } from './visit-lifecycle.service';
import type { VisitAccess, VisitRepository } from './visit.repository';

const SESSION_ID = '6f1c1a52-2f43-4c39-9d7e-2d7f0b1c1a01';

function user(id: string, role: AuthUser['role']): RequestContext {
  return { user: { id, role, name: id, email: `${id}@test`, timeZone: 'UTC', language: 'en' }, ip: '203.0.113.9', requestId: undefined };
}

function visit(overrides: Partial<VisitAccess> = {}): VisitAccess {
  return {
    roomId: 'room-1',
    appointmentId: 'appointment-1',
    doctorId: 'doctor-1',
    patientId: 'patient-1',
    patientName: 'Pat',
    reason: 'Check-up',
    startsAt: new Date(Date.now() - 5 * 60_000),
    endsAt: new Date(Date.now() + 25 * 60_000),
    status: 'SCHEDULED',
    media: 'video',
    sessionId: SESSION_ID,
    sessionStatus: 'ACTIVE',
    ...overrides,
  };
}

function setup(found: VisitAccess | undefined) {
  const end = jest.fn<ReturnType<VisitRooms['end']>, Parameters<VisitRooms['end']>>();
  end.mockResolvedValue({ ok: true, endedAt: '2026-05-01T09:20:00.000Z' });
  const rooms: VisitRooms = { end };
  const repository = { bySession: jest.fn().mockResolvedValue(found) } as unknown as VisitRepository;
  const sut = new VisitLifecycleService(repository, {} as AuditService, new VisitEvents(), { JOIN_WINDOW_BEFORE_MIN: 10 } as AppConfig);
  sut.useRooms(rooms);
  return { sut, end };
}

describe(VisitLifecycleService.name, () => {
  it('lets the doctor end a running visit from its record, through its room', async () => {
    const { sut, end } = setup(visit());
    await expect(sut.endFromRecord(user('doctor-1', 'DOCTOR'), SESSION_ID)).resolves.toEqual({
      sessionId: SESSION_ID,
      endedAt: '2026-05-01T09:20:00.000Z',
    });
    expect(end).toHaveBeenCalledWith(expect.objectContaining({ roomId: 'room-1', startsAt: expect.any(String) }), expect.anything());
  });

  it('refuses the patient (403), and tells anyone else the visit does not exist (404)', async () => {
    const { sut, end } = setup(visit());
    await expect(sut.endFromRecord(user('patient-1', 'PATIENT'), SESSION_ID)).rejects.toMatchObject({ reason: 'forbidden' });
    await expect(sut.endFromRecord(user('admin-1', 'ADMIN'), SESSION_ID)).rejects.toMatchObject({ reason: 'not_found' });
    await expect(sut.endFromRecord(user('doctor-1', 'DOCTOR'), 'not-a-uuid')).rejects.toMatchObject({ reason: 'not_found' });
    expect(end).not.toHaveBeenCalled();
  });

  it('refuses a visit that has ended, was cancelled or has not begun, with the state machine’s reason', async () => {
    const doctor = user('doctor-1', 'DOCTOR');
    await expect(setup(visit({ sessionStatus: 'ENDED' })).sut.endFromRecord(doctor, SESSION_ID)).rejects.toMatchObject({
      reason: 'visit_ended',
    });
    await expect(setup(visit({ status: 'CANCELLED' })).sut.endFromRecord(doctor, SESSION_ID)).rejects.toMatchObject({
      reason: 'visit_cancelled',
    });
    const later = visit({ startsAt: new Date(Date.now() + 60 * 60_000), sessionStatus: 'WAITING' });
    await expect(setup(later).sut.endFromRecord(doctor, SESSION_ID)).rejects.toMatchObject({ reason: 'visit_not_started' });
  });

  it('lets only the doctor end the visit from its call', async () => {
    const { sut, end } = setup(undefined);
    const live = { ...visit(), startsAt: '2026-05-01T09:00:00.000Z', endsAt: '2026-05-01T09:20:00.000Z' };
    await expect(sut.endFromCall(user('patient-1', 'PATIENT'), live)).resolves.toEqual({
      ok: false,
      code: 403,
      reason: 'forbidden',
      error: 'Only the doctor can end the visit.',
    });
    await expect(sut.endFromCall(user('doctor-1', 'DOCTOR'), live)).resolves.toMatchObject({ ok: true });
    expect(end).toHaveBeenCalledTimes(1);
  });
});
