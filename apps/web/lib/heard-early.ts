import type { SignalingSocket } from '@telehealth/call-engine';

/**
 * Events a socket heard before the screen that shows them listened. A prepared call joins on the
 * click, before the call screen is drawn: what the server says at once (the waiting patient's place
 * in line, a message already waiting) would otherwise reach no listener.
 */
const heard = new WeakMap<SignalingSocket, Map<string, { events: unknown[]; stop: () => void }>>();

/** From now on, keeps what `socket` hears of `events` until heardEarly() takes it. */
export function rememberEvents(socket: SignalingSocket, events: readonly string[]): void {
  const kept = heard.get(socket) ?? new Map<string, { events: unknown[]; stop: () => void }>();
  heard.set(socket, kept);
  // socket.io-client's overloads do not narrow a generic event name.
  const loose = socket as unknown as { on(e: string, h: (data: unknown) => void): void; off(e: string, h: (data: unknown) => void): void };
  for (const event of events) {
    if (kept.has(event)) continue;
    const entry = { events: [] as unknown[], stop: () => loose.off(event, keep) };
    const keep = (data: unknown) => entry.events.push(data);
    loose.on(event, keep);
    kept.set(event, entry);
  }
}

/** What `socket` heard of `event` before this listener, oldest first; it stops keeping them. */
export function heardEarly<T>(socket: SignalingSocket, event: string): T[] {
  const entry = heard.get(socket)?.get(event);
  if (!entry) return [];
  entry.stop();
  heard.get(socket)?.delete(event);
  return entry.events as T[];
}
