/** A visit's start as a person in `timeZone` reads it: "Tuesday, 4 March 2031", "9:30 AM", "Europe/Madrid". */
export interface VisitTime {
  date: string;
  time: string;
  zone: string;
}

export function visitTimeIn(at: Date, timeZone: string): VisitTime {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  // Newer ICU puts a narrow no-break space before AM/PM; SMS and plain-text mail readers show it as a box.
  const time = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(at).replace(/\s/g, ' ');
  return { date: `${part('weekday')}, ${part('day')} ${part('month')} ${part('year')}`, time, zone: timeZone };
}

/** "Tuesday, 4 March 2031 at 9:30 AM Europe/Madrid": the zone is named, so a patient abroad is not misled. */
export function describeVisitTime(at: Date, timeZone: string): string {
  const { date, time, zone } = visitTimeIn(at, timeZone);
  return `${date} at ${time} ${zone}`;
}

/** "Dr Rita Levi", without doubling a title the doctor's name already carries ("Dr. Rita Levi", "Doctor Ana"). */
export function doctorTitle(name: string): string {
  return /^(dr\.?|doctor)\s/i.test(name.trim()) ? name.trim() : `Dr ${name.trim()}`;
}

export function visitMinutes(visit: { startsAt: Date; endsAt: Date }): number {
  return Math.round((visit.endsAt.getTime() - visit.startsAt.getTime()) / 60_000);
}
