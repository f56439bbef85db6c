import type { SessionTimelineEntry } from '@telehealth/contracts';
import { timelineSentences } from './visit-record';

const visit = {
  doctor: { id: 'd1', name: 'Dr. Maya Chen', timeZone: 'Europe/Berlin' },
  patient: { id: 'p1', name: 'Sam Patel', timeZone: 'Europe/London' },
};

function entry(type: SessionTimelineEntry['type'], userId: string, overrides: Partial<SessionTimelineEntry> = {}): SessionTimelineEntry {
  return { type, userId, userName: null, at: '2026-12-08T09:31:00.000Z', detail: null, ...overrides };
}

describe(timelineSentences.name, () => {
  const sut = timelineSentences;

  it('names the doctor and the patient as the report does', () => {
    expect(sut([entry('JOINED', 'p1'), entry('ENDED', 'd1')], visit).map((line) => line.text)).toEqual([
      'Sam Patel joined',
      'Dr. Maya Chen ended the visit',
    ]);
  });

  it('names a guest with their part in the visit, in every line about them', () => {
    const ana = { userName: 'Ana Ruiz', userRole: 'GUEST' as const, guestRole: 'INTERPRETER' as const };
    const lines = sut(
      [entry('JOINED', 'g1', ana), entry('PEER_JOINED', 'd1', { detail: { peer: 'g1' } }), entry('LEFT', 'g1', ana)],
      visit,
    );
    expect(lines.map((line) => line.text)).toEqual([
      'Ana Ruiz (interpreter) joined',
      'Dr. Maya Chen and Ana Ruiz (interpreter) were connected',
      'Ana Ruiz (interpreter) left the visit',
    ]);
  });
});
