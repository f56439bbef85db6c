import { LANGUAGES, type Language } from '@telehealth/contracts';
// The same checks as the API's catalogues (emails, calendar, report) are held to.
import { flatten, keyProblems, messageProblems, pluralProblems, untranslated } from '../../api/src/i18n/catalogue-checks';
import { SAME_IN_EVERY_LANGUAGE } from './same-in-every-language';
import { CATALOGUES } from './translator';

const others = LANGUAGES.filter((language): language is Exclude<Language, 'en'> => language !== 'en');

describe('message catalogues', () => {
  it('has English messages to hold the others to', () => {
    expect(flatten(CATALOGUES.en).size).toBeGreaterThan(0);
  });

  it.each(others)('%s has exactly the English keys', (language) => {
    expect(keyProblems(CATALOGUES.en, CATALOGUES[language])).toEqual({ missing: [], extra: [] });
  });

  it.each([...LANGUAGES])('every %s message is a non-empty ICU message with the English arguments', (language: Language) => {
    expect(messageProblems(CATALOGUES.en, CATALOGUES[language], language)).toEqual([]);
  });

  it.each(others)('every %s message is translated, not English left in place', (language) => {
    expect(untranslated(CATALOGUES.en, CATALOGUES[language], language, (key) => SAME_IN_EVERY_LANGUAGE.has(key))).toEqual([]);
  });

  it.each([...LANGUAGES])('every %s plural covers the categories its language has', (language: Language) => {
    expect(pluralProblems(CATALOGUES[language], language)).toEqual([]);
  });
});
