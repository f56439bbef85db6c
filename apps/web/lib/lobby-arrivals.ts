import type { LobbyGuest } from '@telehealth/contracts';

// Apart from lib/call-view.ts: only the doctor's lobby prompt (components/visit/doctor-call-code.ts) uses it,
// and its code then needs nothing of the call's view.

/** Guests in `waiting` who were not in the lobby before (`known`: their ids): the doctor hears a tone for them. */
export function lobbyArrivals(known: ReadonlySet<string> | null, waiting: readonly LobbyGuest[]): LobbyGuest[] {
  if (!known) return [...waiting];
  return waiting.filter((guest) => !known.has(guest.guestId));
}
