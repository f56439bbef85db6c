import { formatLocale, pageLanguage } from './language';

describe(pageLanguage.name, () => {
  it('speaks the account’s language to a signed-in person, whatever the browser says', () => {
    expect(pageLanguage({ account: 'ar', cookie: 'es', acceptLanguage: 'en-US' })).toBe('ar');
  });

  it('speaks a visitor’s picked language, else the browser’s first one we speak, by weight', () => {
    expect(pageLanguage({ cookie: 'es', acceptLanguage: 'ar' })).toBe('es');
    expect(pageLanguage({ acceptLanguage: 'de-DE,de;q=0.9,ar-EG;q=0.8,es;q=0.7' })).toBe('ar');
    expect(pageLanguage({ acceptLanguage: 'en;q=0.5, es-MX;q=0.9' })).toBe('es');
  });

  it('ignores what is not a language we speak: a forged cookie, the wildcard, refused languages, an overlong header', () => {
    expect(pageLanguage({ cookie: '<script>', acceptLanguage: '*, es;q=0, ar;q=0.3' })).toBe('ar');
    expect(pageLanguage({ account: 'xx', acceptLanguage: `de,${'x-private;q=0.1,'.repeat(10_000)}es` })).toBe('en');
    expect(pageLanguage({})).toBe('en');
  });
});

describe(formatLocale.name, () => {
  it('writes dates in the browser’s own variant of the page’s language', () => {
    expect(formatLocale('en', 'en-GB,en;q=0.9')).toBe('en-GB');
    expect(formatLocale('es', 'de-DE, es-MX;q=0.8')).toBe('es-MX');
    expect(formatLocale('ar', 'ar-EG')).toBe('ar-EG');
  });

  it('writes the page’s language with the region of the browser’s first language when it has no variant of it', () => {
    // A German browser reading English pages: a 24-hour clock, as in Germany, not 9:45 PM.
    expect(formatLocale('en', 'de-DE')).toBe('en-DE');
    expect(formatLocale('en', 'de')).toBe('en-DE');
    expect(formatLocale('es', 'en-US')).toBe('es-US');
    expect(
      new Intl.DateTimeFormat(formatLocale('en', 'de-DE'), { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
        new Date('2026-11-30T21:45:00Z'),
      ),
    ).toBe('21:45');
  });

  it('writes the language alone when the browser says nothing usable', () => {
    expect(formatLocale('ar', null)).toBe('ar');
    expect(formatLocale('en', '*')).toBe('en-US');
    expect(formatLocale('es', 'not a tag!')).toBe('es');
  });

  it('keeps the order between variants of the same weight and skips malformed tags', () => {
    expect(formatLocale('en', 'not a tag!, en-AU, en-GB')).toBe('en-AU');
  });
});
