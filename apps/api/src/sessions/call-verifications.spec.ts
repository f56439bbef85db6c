import type { CallEvent } from './call-event';
import { callVerifications } from './call-verifications';

const names = new Map([
  ['doctor-1', 'Dr. Ines Ward'],
  ['patient-1', 'Leo Brandt'],
  ['guest-1', 'Ana Ruiz'],
]);
const verified = (time: string, peer: string, code: string): CallEvent => ({
  type: 'CALL_VERIFIED',
  userId: 'doctor-1',
  userName: 'Dr. Ines Ward',
  at: new Date(`2026-03-02T${time}Z`),
  detail: { peer, code },
});

describe(callVerifications.name, () => {
  it('lists each verified pair oldest first, with both names', () => {
    const events: CallEvent[] = [
      verified('09:10:00', 'guest-1', '111 222'),
      { type: 'JOINED', userId: 'doctor-1', at: new Date('2026-03-02T09:00:00Z'), detail: null },
      verified('09:05:00', 'patient-1', '482 193'),
    ];
    expect(callVerifications(events, names)).toEqual([
      {
        code: '482 193',
        verifiedAt: '2026-03-02T09:05:00.000Z',
        verifiedBy: { id: 'doctor-1', name: 'Dr. Ines Ward' },
        peer: { id: 'patient-1', name: 'Leo Brandt' },
      },
      {
        code: '111 222',
        verifiedAt: '2026-03-02T09:10:00.000Z',
        verifiedBy: { id: 'doctor-1', name: 'Dr. Ines Ward' },
        peer: { id: 'guest-1', name: 'Ana Ruiz' },
      },
    ]);
  });

  it('is empty when the code was never compared', () => {
    expect(callVerifications([], names)).toEqual([]);
  });
});
