import type { VisitGuest } from '@telehealth/contracts';
import type { IssuedVisitLink } from '../visit-links/visit-links.service';
import type { VisitGuestRow } from './visit-guests.repository';

/** A guest as the visit's doctor sees them; `link` is their link in force (none once removed, revoked or past the visit's end). */
export function toVisitGuest(row: VisitGuestRow, link: IssuedVisitLink | undefined): VisitGuest {
  return {
    guestId: row.id,
    name: row.name,
    role: row.role,
    email: row.email,
    invitedAt: row.createdAt.toISOString(),
    removedAt: row.removedAt?.toISOString() ?? null,
    link: link?.link ?? null,
    code: link?.code ?? null,
  };
}
