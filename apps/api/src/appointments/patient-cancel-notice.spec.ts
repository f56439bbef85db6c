import { latePatientCancel } from './patient-cancel-notice';

const START = new Date('2031-03-04T08:30:00Z');
const minutesBefore = (minutes: number) => new Date(START.getTime() - minutes * 60_000);

describe(latePatientCancel.name, () => {
  it('lets the patient cancel until the notice before the start', () => {
    expect(latePatientCancel(START, minutesBefore(600), 60)).toBeUndefined();
    expect(latePatientCancel(START, minutesBefore(60), 60)).toBeUndefined();
  });

  it('refuses inside the notice, and after the start, with a 409 too_late telling the patient to contact the clinic', () => {
    for (const now of [minutesBefore(59), minutesBefore(1), new Date(START.getTime() + 60_000)]) {
      const sut = latePatientCancel(START, now, 60);
      expect(sut?.getStatus()).toBe(409);
      expect(sut?.getResponse()).toEqual({
        error:
          'This visit starts in less than 60 minutes and can no longer be cancelled online: please call or contact the clinic to cancel it.',
        code: 409,
        reason: 'too_late',
      });
    }
  });

  it('sets no limit with a notice of 0', () => {
    expect(latePatientCancel(START, minutesBefore(1), 0)).toBeUndefined();
    expect(latePatientCancel(START, new Date(START.getTime() + 60_000), 0)).toBeUndefined();
  });
});
