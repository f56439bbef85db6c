import { CalendarVisit, calendarUid, foldOctets, visitCalendarFile } from './calendar-file';

/** The VEVENT's and VCALENDAR's properties, unfolded, by name (parameters dropped; the last value wins). */
function parse(ics: string): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const line of ics.replace(/\r\n[ \t]/g, '').split('\r\n')) {
    const match = /^([A-Z-]+)[^:]*?:(.*)$/.exec(line);
    if (match && !(match[1] === 'BEGIN' || match[1] === 'END')) properties[match[1]!] = match[2]!;
  }
  return properties;
}

const visit: CalendarVisit = {
  appointmentId: '7f0c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f',
  sequence: 0,
  startsAt: new Date('2031-03-04T08:30:00Z'),
  endsAt: new Date('2031-03-04T09:00:00Z'),
  doctorName: 'Rita Levi',
  patient: { name: 'Zoë Ñúñez 王芳', email: 'zoe@example.org', timeZone: 'Europe/Madrid' },
  organizerEmail: 'no-reply@clinic.example',
  access: {
    link: 'https://clinic.example/j/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    code: 'ACDE-FGHJ',
    joinPage: 'https://clinic.example/join',
  },
};
const stamp = new Date('2031-03-01T12:00:00Z');

describe(visitCalendarFile.name, () => {
  it('invites to the visit: METHOD:REQUEST, times in UTC, the link as URL and in the description with the zone named', () => {
    const sut = parse(visitCalendarFile(visit, 'REQUEST', 'en', stamp));
    expect(sut).toMatchObject({
      METHOD: 'REQUEST',
      UID: calendarUid(visit.appointmentId),
      SEQUENCE: '0',
      DTSTART: '20310304T083000Z',
      DTEND: '20310304T090000Z',
      DTSTAMP: '20310301T120000Z',
      STATUS: 'CONFIRMED',
      SUMMARY: 'Video visit with Dr Rita Levi',
      URL: visit.access!.link,
    });
    expect(sut.DESCRIPTION).toContain('Tuesday\\, 4 March 2031 at 9:30 AM Europe/Madrid (30 minutes)');
    expect(sut.DESCRIPTION).toContain(`Join: ${visit.access!.link}`);
    expect(sut.DESCRIPTION).toContain('ACDE-FGHJ at https://clinic.example/join');
  });

  it('keeps the UID of the booking and carries the raised SEQUENCE on a reschedule and a cancellation', () => {
    const moved = parse(visitCalendarFile({ ...visit, sequence: 1, startsAt: new Date('2031-03-05T08:30:00Z') }, 'REQUEST', 'en', stamp));
    const cancelled = parse(visitCalendarFile({ ...visit, sequence: 2, access: undefined }, 'CANCEL', 'en', stamp));
    expect(moved).toMatchObject({ UID: calendarUid(visit.appointmentId), SEQUENCE: '1', DTSTART: '20310305T083000Z' });
    expect(cancelled).toMatchObject({ METHOD: 'CANCEL', STATUS: 'CANCELLED', UID: calendarUid(visit.appointmentId), SEQUENCE: '2' });
    expect(cancelled.URL).toBeUndefined();
    expect(cancelled.DESCRIPTION).toContain('was cancelled');
  });

  it('names organizer and patient in any script, in lines of at most 75 octets, never cut inside a character', () => {
    const file = visitCalendarFile(
      { ...visit, doctorName: 'Dr. 王芳 "Fang" Ñúñez-Zoë de la Peña y Álvarez Montenegro' },
      'REQUEST',
      'en',
      stamp,
    );
    for (const line of file.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(Buffer.from(file, 'utf8').toString('utf8')).toBe(file);
    expect(file.replace(/\r\n /g, '')).toContain('ATTENDEE;RSVP=FALSE;ROLE="REQ-PARTICIPANT";PARTSTAT="NEEDS-ACTION";CN="Zoë Ñúñez 王芳"');
    expect(parse(file).SUMMARY).toBe('Video visit with Dr. 王芳 "Fang" Ñúñez-Zoë de la Peña y Álvarez Montenegro');
    expect(file.replace(/\r\n /g, '')).toContain(
      `ORGANIZER;CN="Dr. 王芳 'Fang' Ñúñez-Zoë de la Peña y Álvarez Montenegro":MAILTO:no-reply@clinic.example`,
    );
  });

  it('leaves the link out when there is none to give', () => {
    const sut = parse(visitCalendarFile({ ...visit, access: undefined }, 'REQUEST', 'en', stamp));
    expect(sut.URL).toBeUndefined();
    expect(sut.DESCRIPTION).not.toContain('/j/');
  });
});

describe('the calendar file in the reader’s language', () => {
  it('writes the title and description in Spanish, the time as Spanish reads it, the zone named', () => {
    const sut = parse(visitCalendarFile(visit, 'REQUEST', 'es', stamp));
    expect(sut.SUMMARY).toBe('Videoconsulta con Dr./Dra. Rita Levi');
    expect(sut.DESCRIPTION).toContain('martes\\, 4 de marzo de 2031\\, 9:30\\, hora de Europe/Madrid (30 minutos)');
    expect(sut.DESCRIPTION).toContain(`Unirse: ${visit.access!.link}`);
    expect(sut.DESCRIPTION).toContain('escriba el código ACDE-FGHJ en https://clinic.example/join');
    expect(parse(visitCalendarFile({ ...visit, access: undefined }, 'CANCEL', 'es', stamp)).DESCRIPTION).toContain('Se ha cancelado');
  });

  it('writes them in Arabic, with the Arabic plural of minutes, links and codes as they are', () => {
    const sut = parse(visitCalendarFile(visit, 'REQUEST', 'ar', stamp));
    expect(sut.SUMMARY).toBe('زيارة عبر الفيديو مع د. Rita Levi');
    expect(sut.DESCRIPTION).toContain('الثلاثاء');
    expect(sut.DESCRIPTION).toContain('بتوقيت Europe/Madrid (المدة: 30 دقيقة)');
    expect(sut.DESCRIPTION).toContain(`الانضمام: ${visit.access!.link}`);
    expect(sut.DESCRIPTION).toContain('ACDE-FGHJ في https://clinic.example/join');
    const short = parse(visitCalendarFile({ ...visit, endsAt: new Date('2031-03-04T08:35:00Z') }, 'REQUEST', 'ar', stamp));
    expect(short.DESCRIPTION).toContain('(المدة: 5 دقائق)');
  });
});

describe(foldOctets.name, () => {
  it('unfolds and folds again by octets', () => {
    const long = `DESCRIPTION:${'é'.repeat(100)}`;
    const sut = foldOctets(`BEGIN:VCALENDAR\r\n${long}\r\nEND:VCALENDAR\r\n`);
    expect(sut.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(sut.replace(/\r\n /g, '')).toBe(`BEGIN:VCALENDAR\r\n${long}\r\nEND:VCALENDAR\r\n`);
  });
});
