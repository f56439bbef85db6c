export const APPOINTMENT_STATUSES = ['SCHEDULED', 'CANCELLED', 'COMPLETED', 'NO_SHOW'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const SESSION_STATUSES = ['WAITING', 'ACTIVE', 'ENDED'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** A video call, or an audio call (the seed's choice when starting one): an audio call's device checks start with the camera off. */
export const CALL_MEDIA = ['video', 'audio'] as const;
export type CallMedia = (typeof CALL_MEDIA)[number];

export const MIN_VISIT_MINUTES = 5;
export const MAX_VISIT_MINUTES = 240;

/** The slot's end, from endsAt or startsAt + durationMinutes (after validation one is present). */
export function slotEnd(slot: { startsAt: string; endsAt?: string; durationMinutes?: number }): Date {
  if (slot.endsAt !== undefined) return new Date(slot.endsAt);
  return new Date(Date.parse(slot.startsAt) + (slot.durationMinutes ?? 0) * 60_000);
}
