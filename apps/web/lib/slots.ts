import { isoToZonedWallTime } from './time';

export const DURATION_CHOICES = [10, 15, 20, 30, 45, 60, 90];

/** The next quarter hour from now, as date + time in `timeZone` (a sensible default slot). */
export function nextQuarterHour(timeZone: string, now = Date.now()): { date: string; time: string } {
  const quarter = 15 * 60_000;
  return isoToZonedWallTime(new Date(Math.ceil((now + 60_000) / quarter) * quarter), timeZone);
}
