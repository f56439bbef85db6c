import { clinicVisitPhase, PhaseFacts } from './clinic-visit-phase';

const now = new Date('2026-11-30T10:00:00Z');
const later = new Date('2026-11-30T10:30:00Z');
const earlier = new Date('2026-11-30T09:30:00Z');
const booked = (facts: Partial<PhaseFacts> = {}): PhaseFacts => ({
  appointmentStatus: 'SCHEDULED',
  startsAt: new Date('2026-11-30T10:05:00Z'),
  endsAt: later,
  sessionStatus: 'WAITING',
  ...facts,
});

describe(clinicVisitPhase.name, () => {
  it('calls a booked visit whose call has not started upcoming', () => {
    expect(clinicVisitPhase(booked(), now)).toBe('upcoming');
  });

  it('calls a visit in progress while its call is open, also past its scheduled end', () => {
    expect(clinicVisitPhase(booked({ sessionStatus: 'ACTIVE' }), now)).toBe('in-progress');
    expect(clinicVisitPhase(booked({ sessionStatus: 'ACTIVE', endsAt: earlier }), now)).toBe('in-progress');
  });

  it('calls a visit past once it ended or was missed, or its time is over', () => {
    expect(clinicVisitPhase(booked({ sessionStatus: 'ENDED', appointmentStatus: 'COMPLETED' }), now)).toBe('past');
    expect(clinicVisitPhase(booked({ appointmentStatus: 'NO_SHOW', endsAt: earlier }), now)).toBe('past');
    expect(clinicVisitPhase(booked({ endsAt: earlier }), now)).toBe('past');
    expect(clinicVisitPhase(booked({ appointmentStatus: 'CANCELLED', startsAt: earlier, endsAt: earlier }), now)).toBe('past');
  });

  it('keeps a visit cancelled before its start among the upcoming ones, and makes it past once its start has passed', () => {
    expect(clinicVisitPhase(booked({ appointmentStatus: 'CANCELLED' }), now)).toBe('upcoming');
    expect(clinicVisitPhase(booked({ appointmentStatus: 'CANCELLED', startsAt: earlier }), now)).toBe('past');
  });
});
