import { formatDate, formatDateTime, formatDay, formatTime, isoToZonedWallTime, zonedWallTimeToIso, zoneLabel, zoneName } from './time';

// 21:45 in Berlin (CET, UTC+1), a winter evening.
const EVENING = '2026-11-30T20:45:00.000Z';
const BERLIN = 'Europe/Berlin';

/** A number as the locale writes it: "9", or "٩" where Arabic-Indic digits are the custom. */
function written(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

describe('formatting times in the reader’s locale', () => {
  it('writes a 12-hour clock for American English', () => {
    expect(formatTime(EVENING, BERLIN, 'en-US')).toMatch(/^9:45\sPM$/);
  });

  it.each(['en-GB', 'de-DE', 'es-ES', 'ar-MA'])('writes a 24-hour clock for %s', (locale) => {
    expect(formatTime(EVENING, BERLIN, locale)).toBe('21:45');
  });

  it('writes Arabic with its own day-period words and the digits the locale uses', () => {
    for (const locale of ['ar', 'ar-EG']) {
      const time = formatTime(EVENING, BERLIN, locale);
      expect(time).toContain('م');
      expect(time).toContain(`${written(9, locale)}:${written(4, locale)}${written(5, locale)}`);
    }
    // Egypt writes Arabic-Indic digits: ٩:٤٥ م.
    expect(formatTime(EVENING, BERLIN, 'ar-EG')).toMatch(/٩:٤٥/);
  });

  it('names the zone as the locale names it, never as a bare offset in minutes', () => {
    const at = new Date(EVENING);
    expect(zoneLabel(BERLIN, at, 'en-GB')).toBe('CET');
    expect(zoneLabel(BERLIN, at, 'en-US')).toBe('GMT+1');
    expect(zoneLabel(BERLIN, at, 'de-DE')).toBe('MEZ');
    expect(zoneLabel('America/New_York', at, 'en-US')).toBe('EST');
    expect(zoneName('America/New_York', at, 'en-US')).toBe('America/New York (EST)');
  });

  it('writes days and months in the locale’s language and order', () => {
    expect(formatDay(EVENING, BERLIN, 'en-US')).toBe('Monday, November 30');
    expect(formatDay(EVENING, BERLIN, 'de-DE')).toBe('Montag, 30. November');
    expect(formatDate(EVENING, BERLIN, 'en-GB')).toBe('Mon, 30 Nov 2026');
    expect(formatDateTime(EVENING, BERLIN, 'de-DE')).toBe('Mo., 30. Nov., 21:45');
    expect(formatDateTime(EVENING, BERLIN, 'en-US')).toMatch(/^Mon, Nov 30, 9:45\sPM$/);
  });

  it('formats in American English when no locale is given outside a page (specs, the server without a request)', () => {
    expect(formatTime(EVENING, BERLIN)).toBe(formatTime(EVENING, BERLIN, 'en-US'));
  });

  it('reads and writes wall-clock fields with Western digits whatever the locale', () => {
    expect(isoToZonedWallTime(EVENING, BERLIN)).toEqual({ date: '2026-11-30', time: '21:45' });
    expect(zonedWallTimeToIso('2026-11-30', '21:45', BERLIN)).toBe(EVENING);
  });
});
