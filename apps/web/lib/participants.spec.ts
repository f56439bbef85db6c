import type { VisitGuest } from '@telehealth/contracts';
import { listOfNames, nameWithRole, orderGuests, recordName, roleWord, tileLabel } from './participants';

describe(nameWithRole.name, () => {
  const sut = nameWithRole;

  it('writes a guest with their part in the visit', () => {
    expect(sut({ name: 'Ana Ruiz', role: 'GUEST', guestRole: 'INTERPRETER' })).toBe('Ana Ruiz (interpreter)');
    expect(sut({ name: 'Leo Park', role: 'GUEST', guestRole: 'OTHER' })).toBe('Leo Park (guest)');
  });

  it('writes the doctor and the patient with their role, and a name alone when the role is unknown', () => {
    expect(sut({ name: 'Dr. Maya Chen', role: 'DOCTOR' })).toBe('Dr. Maya Chen (doctor)');
    expect(sut({ name: 'Sam Patel' })).toBe('Sam Patel');
  });
});

describe(recordName.name, () => {
  it('adds the part for guests only, so the record reads as it always did for doctor and patient', () => {
    expect(recordName({ name: 'Sam Patel', role: 'PATIENT' })).toBe('Sam Patel');
    expect(recordName({ name: 'Ana Ruiz', role: 'GUEST', guestRole: 'CAREGIVER' })).toBe('Ana Ruiz (caregiver)');
  });
});

describe(tileLabel.name, () => {
  it('gives the name and the part as a tile shows them', () => {
    expect(tileLabel({ name: 'Ana Ruiz', role: 'GUEST', guestRole: 'INTERPRETER' })).toEqual({ name: 'Ana Ruiz', role: 'Interpreter' });
    expect(tileLabel({ name: 'Sam Patel', role: 'PATIENT' })).toEqual({ name: 'Sam Patel', role: 'Patient' });
  });
});

describe(roleWord.name, () => {
  it('calls a guest without a known part a guest', () => {
    expect(roleWord({ role: 'GUEST' })).toBe('guest');
    expect(roleWord({})).toBeNull();
  });
});

describe(listOfNames.name, () => {
  it('joins names the English way', () => {
    expect(listOfNames([])).toBe('');
    expect(listOfNames(['Sam'])).toBe('Sam');
    expect(listOfNames(['Sam', 'Ana'])).toBe('Sam and Ana');
    expect(listOfNames(['Sam', 'Ana', 'Leo'])).toBe('Sam, Ana and Leo');
  });
});

describe(orderGuests.name, () => {
  function guest(guestId: string, invitedAt: string, removedAt: string | null = null): VisitGuest {
    return {
      guestId,
      name: guestId,
      role: 'OTHER',
      email: null,
      invitedAt,
      removedAt,
      link: removedAt ? null : 'l',
      code: removedAt ? null : 'c',
    };
  }

  it('lists the guests still invited first, each group in the order they were invited', () => {
    const guests = [
      guest('removed', '2026-12-08T09:00:00.000Z', '2026-12-08T09:10:00.000Z'),
      guest('second', '2026-12-08T09:20:00.000Z'),
      guest('first', '2026-12-08T09:05:00.000Z'),
    ];
    expect(orderGuests(guests).map((g) => g.guestId)).toEqual(['first', 'second', 'removed']);
  });
});
