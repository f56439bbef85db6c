/**
 * The interval in which the appointment's doctor and patient may enter its room:
 * from `beforeMinutes` before the start until the scheduled end. The API puts it on
 * every appointment and the gateway enforces it, so the Join button and the server agree.
 */
export function joinWindow(slot: { startsAt: Date; endsAt: Date }, beforeMinutes: number): { opensAt: Date; closesAt: Date } {
  return { opensAt: new Date(slot.startsAt.getTime() - beforeMinutes * 60_000), closesAt: slot.endsAt };
}

export function isInsideJoinWindow(window: { opensAt: Date; closesAt: Date }, now: Date): boolean {
  return now >= window.opensAt && now < window.closesAt;
}
