import type { RequestContext } from '../common/request-context';
import { ApiError } from '../common/api-error';
import { AccessService } from './access.service';
import type { VisitPartiesRepository, VisitRecordIds } from './visit-parties.repository';

const VISIT: VisitRecordIds = { appointmentId: 'appointment-1', sessionId: 'session-1', doctorId: 'doctor-1', patientId: 'patient-1' };

function ctx(id: string, role: 'DOCTOR' | 'PATIENT' | 'ADMIN'): RequestContext {
  return {
    user: { id, role, email: `${id}@test.example`, name: id, timeZone: 'UTC', language: 'en' },
    ip: '203.0.113.5',
    requestId: 'r-1',
  };
}

describe(AccessService.name, () => {
  const parties = {
    byAppointment: jest.fn((id: string) => Promise.resolve(id === VISIT.appointmentId ? VISIT : undefined)),
    bySession: jest.fn((id: string) => Promise.resolve(id === VISIT.sessionId ? VISIT : undefined)),
  };
  const sut = new AccessService(parties as unknown as VisitPartiesRepository);

  it('grants the doctor their visit, looked up by the session id, with the ids of its records', async () => {
    await expect(sut.requireVisit(ctx('doctor-1', 'DOCTOR'), 'notes.write', 'session-1')).resolves.toEqual({ ...VISIT, as: 'DOCTOR' });
  });

  it('looks an appointment permission up by the appointment id', async () => {
    await expect(sut.requireVisit(ctx('patient-1', 'PATIENT'), 'appointment.change', 'appointment-1')).resolves.toMatchObject({
      as: 'PATIENT',
    });
  });

  it('throws the policy’s 404 with its reason for someone else’s visit', async () => {
    const refused = await sut.requireVisit(ctx('doctor-2', 'DOCTOR'), 'visit.read', 'session-1').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).getResponse()).toEqual({ error: 'No session with this id was found.', code: 404, reason: 'not_found' });
  });

  it('throws the same 404 for a visit that does not exist', async () => {
    const refused = await sut.requireVisit(ctx('doctor-1', 'DOCTOR'), 'report.read', 'session-9').catch((error: unknown) => error);
    expect((refused as ApiError).getResponse()).toEqual({ error: 'No session with this id was found.', code: 404, reason: 'not_found' });
  });

  it('throws 403 to a party without the right', async () => {
    const refused = await sut.requireVisit(ctx('patient-1', 'PATIENT'), 'visit.end', 'session-1').catch((error: unknown) => error);
    expect((refused as ApiError).getStatus()).toBe(403);
  });

  it('lets only an admin read the audit log', () => {
    expect(sut.require(ctx('admin-1', 'ADMIN'), 'audit.read')).toBe('ADMIN');
    expect(() => sut.require(ctx('doctor-1', 'DOCTOR'), 'audit.read')).toThrow(ApiError);
  });
});
