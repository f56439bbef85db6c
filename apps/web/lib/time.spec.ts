import {
  formatCountdown,
  formatDate,
  formatDateTime,
  formatDay,
  formatDuration,
  formatTime,
  isoToZonedWallTime,
  zonedWallTimeToIso,
  zoneLabel,
  zoneName,
} from './time';

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

describe('words for how long, in the locale’s language', () => {
  const MINUTE = 60_000;

  it('counts down in English as the pages always have', () => {
    expect(formatCountdown(30_000, 'en-US')).toBe('in less than a minute');
    expect(formatCountdown(4 * MINUTE, 'en-GB')).toBe('in 4 min');
    expect(formatCountdown(125 * MINUTE, 'en-US')).toBe('in 2 h 5 min');
    expect(formatCountdown(120 * MINUTE, 'en-US')).toBe('in 2 h');
    expect(formatCountdown(24 * 60 * MINUTE, 'en-US')).toBe('tomorrow');
    expect(formatCountdown(3 * 24 * 60 * MINUTE, 'en-US')).toBe('in 3 days');
  });

  it('counts down in Spanish and Arabic, with their plurals', () => {
    expect(formatCountdown(4 * MINUTE, 'es-MX')).toBe('dentro de 4 minutos');
    expect(formatCountdown(61 * MINUTE, 'es')).toBe('dentro de 1 hora y 1 minuto');
    expect(formatCountdown(2 * MINUTE, 'ar')).toBe('بعد دقيقتين');
    expect(formatCountdown(5 * MINUTE, 'ar')).toBe('بعد 5 دقائق');
    expect(formatCountdown(11 * MINUTE, 'ar')).toBe('بعد 11 دقيقة');
    expect(formatCountdown(3 * 24 * 60 * MINUTE, 'es')).toBe('dentro de 3 días');
    expect(formatCountdown(5 * MINUTE, 'ar')).toBe('بعد 5 دقائق');
    expect(formatCountdown(11 * MINUTE, 'ar')).toBe('بعد 11 دقيقة');
    expect(formatCountdown(3 * 24 * 60 * MINUTE, 'ar')).toBe('بعد 3 أيام');
  });

  it('says how long something lasted', () => {
    expect(formatDuration(45, 'en-US')).toBe('45 s');
    expect(formatDuration(26 * 60 + 4, 'en-US')).toBe('26 min 4 s');
    expect(formatDuration(3720, 'en-US')).toBe('1 h 2 min');
    expect(formatDuration(26 * 60, 'es-ES')).toBe('26 minutos');
    expect(formatDuration(3600 + 60, 'ar-EG')).toBe('ساعة واحدة ودقيقة واحدة');
  });

  it('writes English outside a page', () => {
    expect(formatDuration(90)).toBe('1 min 30 s');
  });
});
