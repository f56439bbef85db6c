import { DEFAULT_LOCALE, localeFromAcceptLanguage } from './locale';

describe(localeFromAcceptLanguage.name, () => {
  const sut = localeFromAcceptLanguage;

  it('takes the browser’s first language', () => {
    expect(sut('de-DE,de;q=0.9,en;q=0.8')).toBe('de-DE');
    expect(sut('ar')).toBe('ar');
  });

  it('follows the weights, not the order', () => {
    expect(sut('en;q=0.5, es-MX;q=0.9')).toBe('es-MX');
  });

  it('keeps the order between languages of the same weight', () => {
    expect(sut('en-GB, en-US')).toBe('en-GB');
  });

  it('skips the wildcard, languages refused (q=0) and tags that are not languages', () => {
    expect(sut('*, fr;q=0, not a tag!, es;q=0.3')).toBe('es');
  });

  it('writes American English when the request names no usable language', () => {
    expect(sut(null)).toBe(DEFAULT_LOCALE);
    expect(sut('')).toBe(DEFAULT_LOCALE);
    expect(sut('*')).toBe(DEFAULT_LOCALE);
    expect(DEFAULT_LOCALE).toBe('en-US');
  });

  it('reads only the start of an overlong header', () => {
    expect(sut(`de,${'x-private;q=0.1,'.repeat(10_000)}`)).toBe('de');
  });
});
