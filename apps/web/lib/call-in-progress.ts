/**
 * Whether this page is in a call now. The header (rendered outside the call screen) reads it to
 * ask "Leave the call?" before a link takes the person away; the call screen sets it. A module-level
 * flag with listeners, for React's useSyncExternalStore: one call per page at most.
 */
let inCall = false;
const listeners = new Set<() => void>();

export function setCallInProgress(value: boolean): void {
  if (inCall === value) return;
  inCall = value;
  listeners.forEach((listener) => listener());
}

export function isCallInProgress(): boolean {
  return inCall;
}

export function subscribeCallInProgress(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
