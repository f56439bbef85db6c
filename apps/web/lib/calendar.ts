/** A visit's calendar file, through the /bff proxy (the API answers its doctor and its patient). */
export function calendarHref(appointmentId: string): string {
  return `/bff/appointments/${encodeURIComponent(appointmentId)}/calendar.ics`;
}
