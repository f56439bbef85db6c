/** A scheduled visit as the reminder rule needs it. */
export interface ReminderVisit {
  appointmentId: string;
  /** Raised by every reschedule: a moved visit's reminders are new ones. */
  sequence: number;
  startsAt: Date;
  /** When the visit got its current start: its booking, or its last reschedule (the patient was emailed the time then). */
  scheduledAt: Date;
}

/** The one reminder a visit should have by now. */
export interface DueReminder {
  appointmentId: string;
  sequence: number;
  /** Minutes before the start, one of REMINDER_MINUTES. */
  lead: number;
  dedupeKey: string;
}

/** Below this, a reminder would reach the patient at or after the start: none is written. */
export const REMINDER_MIN_AHEAD_MS = 60_000;

/** At most once per appointment, lead time and start (`sequence`), across processes and restarts. */
export function reminderDedupeKey(appointmentId: string, lead: number, sequence: number): string {
  return `reminder:${appointmentId}:${lead}:${sequence}`;
}

/**
 * The reminder each visit should have at `now`, if any: the one of the shortest lead whose time
 * (start − lead) has come. None when
 * - the start is less than a minute away or past (it would arrive after the start);
 * - that time came before the visit got its current start (`scheduledAt`): the booking or reschedule
 *   email was just sent, so a visit booked 10 minutes ahead gets no 15-minute reminder;
 * - no lead's time has come yet.
 * A longer lead whose reminder was never written (the API was down at its time) is not sent late
 * once a shorter one is due: the patient gets the newest reminder, not two at once.
 */
export function dueReminders(visits: readonly ReminderVisit[], leads: readonly number[], now: Date): DueReminder[] {
  const due: DueReminder[] = [];
  for (const visit of visits) {
    const lead = dueLead(visit, leads, now);
    if (lead !== undefined) {
      due.push({
        appointmentId: visit.appointmentId,
        sequence: visit.sequence,
        lead,
        dedupeKey: reminderDedupeKey(visit.appointmentId, lead, visit.sequence),
      });
    }
  }
  return due;
}

function dueLead(visit: ReminderVisit, leads: readonly number[], now: Date): number | undefined {
  const start = visit.startsAt.getTime();
  if (start - now.getTime() < REMINDER_MIN_AHEAD_MS) return undefined;
  const come = leads.filter((lead) => start - lead * 60_000 <= now.getTime());
  if (come.length === 0) return undefined;
  const lead = Math.min(...come);
  return start - lead * 60_000 < visit.scheduledAt.getTime() ? undefined : lead;
}
