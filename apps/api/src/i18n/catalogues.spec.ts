import { LANGUAGES, type Language } from '@telehealth/contracts';
import { flatten, keyProblems, messageProblems, pluralProblems, untranslated } from './catalogue-checks';
import { SAME_AS_ENGLISH } from './same-as-english';
import { CATALOGUES, translator } from './translator';

const english = flatten(CATALOGUES.en);
const others = LANGUAGES.filter((language): language is Exclude<Language, 'en'> => language !== 'en');

describe('API message catalogues (emails, calendar files, the visit report)', () => {
  it('has English messages to hold the others to, in its three parts and the shared visit words', () => {
    expect(english.size).toBeGreaterThan(0);
    expect(Object.keys(CATALOGUES.en).sort()).toEqual(['calendar', 'email', 'report', 'visit']);
  });

  it.each(others)('%s has exactly the English keys', (language) => {
    expect(keyProblems(CATALOGUES.en, CATALOGUES[language])).toEqual({ missing: [], extra: [] });
  });

  it.each([...LANGUAGES])('every %s message is a non-empty ICU message with the English arguments', (language: Language) => {
    expect(messageProblems(CATALOGUES.en, CATALOGUES[language], language)).toEqual([]);
  });

  it.each(others)('every %s message is translated, not English left in place', (language) => {
    expect(untranslated(CATALOGUES.en, CATALOGUES[language], language, (key) => SAME_AS_ENGLISH[language].has(key))).toEqual([]);
  });

  it.each(others)('%s keeps to English only where the exceptions say so, each with a reason', (language) => {
    for (const [key, reason] of SAME_AS_ENGLISH[language]) {
      expect(english.has(key)).toBe(true);
      expect(reason.trim()).not.toBe('');
    }
  });

  it.each([...LANGUAGES])('every %s plural covers the categories its language has', (language: Language) => {
    expect(pluralProblems(CATALOGUES[language], language)).toEqual([]);
  });

  it('formats with the arguments every language is given', () => {
    for (const language of LANGUAGES) {
      const t = translator('email', language);
      expect(t('booking.subject', { doctor: 'Dr X', time: 'T' })).toContain('Dr X');
      expect(translator('report', language)('timeline.leftOut', { shown: 6, omitted: 7 })).toContain('7');
    }
    expect(translator('visit', 'ar')('withDuration', { when: 'W', minutes: 2 })).toBe('W (المدة: دقيقتان)');
    expect(translator('visit', 'ar')('withDuration', { when: 'W', minutes: 11 })).toBe('W (المدة: 11 دقيقة)');
    expect(translator('visit', 'es')('withDuration', { when: 'W', minutes: 1 })).toBe('W (1 minuto)');
  });
});
