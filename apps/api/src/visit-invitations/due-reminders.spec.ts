import { dueReminders, reminderDedupeKey, ReminderVisit } from './due-reminders';

const START = new Date('2031-03-04T08:30:00Z');
const LEADS = [1440, 15];
const minutesBefore = (minutes: number) => new Date(START.getTime() - minutes * 60_000);

function visit(overrides: Partial<ReminderVisit> = {}): ReminderVisit {
  return { appointmentId: 'a1', sequence: 0, startsAt: START, scheduledAt: minutesBefore(3 * 1440), ...overrides };
}

const leadsAt = (now: Date, sut: ReminderVisit = visit()) => dueReminders([sut], LEADS, now).map((reminder) => reminder.lead);

describe(dueReminders.name, () => {
  it('has nothing to send before the longest lead’s time', () => {
    expect(leadsAt(minutesBefore(1441))).toEqual([]);
  });

  it('sends the day-before reminder from its time on, then the quarter-hour one from its time on', () => {
    expect(leadsAt(minutesBefore(1440))).toEqual([1440]);
    expect(leadsAt(minutesBefore(600))).toEqual([1440]);
    expect(leadsAt(minutesBefore(15))).toEqual([15]);
    expect(leadsAt(minutesBefore(2))).toEqual([15]);
  });

  it('names each reminder by appointment, lead and sequence', () => {
    expect(dueReminders([visit({ sequence: 3 })], LEADS, minutesBefore(10))).toEqual([
      { appointmentId: 'a1', sequence: 3, lead: 15, dedupeKey: reminderDedupeKey('a1', 15, 3) },
    ]);
    expect(reminderDedupeKey('a1', 15, 3)).toBe('reminder:a1:15:3');
  });

  it('sends none from a minute before the start on: it would arrive after the start', () => {
    expect(leadsAt(new Date(START.getTime() - 61_000))).toEqual([15]);
    expect(leadsAt(new Date(START.getTime() - 59_000))).toEqual([]);
    expect(leadsAt(START)).toEqual([]);
    expect(leadsAt(new Date(START.getTime() + 60_000))).toEqual([]);
  });

  it('skips a reminder whose time came before the visit got its start: booked 10 minutes ahead, no 15-minute reminder', () => {
    const bookedLate = visit({ scheduledAt: minutesBefore(10) });
    expect(leadsAt(minutesBefore(9), bookedLate)).toEqual([]);
    expect(leadsAt(minutesBefore(2), bookedLate)).toEqual([]);
  });

  it('gives a visit booked 12 hours ahead its quarter-hour reminder but no day-before one', () => {
    const booked = visit({ scheduledAt: minutesBefore(12 * 60) });
    expect(leadsAt(minutesBefore(11 * 60), booked)).toEqual([]);
    expect(leadsAt(minutesBefore(15), booked)).toEqual([15]);
  });

  it('sends a reminder whose time is the very moment of the booking', () => {
    expect(leadsAt(minutesBefore(14), visit({ scheduledAt: minutesBefore(15) }))).toEqual([15]);
  });

  it('sends only the newest reminder when several came while nobody swept', () => {
    expect(leadsAt(minutesBefore(5))).toEqual([15]);
  });

  it('has nothing to send without lead times, and looks at each visit alone', () => {
    expect(dueReminders([visit()], [], minutesBefore(5))).toEqual([]);
    const later = visit({ appointmentId: 'a2', startsAt: new Date(START.getTime() + 1430 * 60_000) });
    expect(dueReminders([visit(), later], LEADS, minutesBefore(5)).map((reminder) => [reminder.appointmentId, reminder.lead])).toEqual([
      ['a1', 15],
      ['a2', 1440],
    ]);
  });
});
