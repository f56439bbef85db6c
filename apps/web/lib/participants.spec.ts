import type { VisitGuest } from '@telehealth/contracts';
import { orderGuests } from './participants';

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
