import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { LANGUAGES, type Language } from '@telehealth/contracts';
import { IntlMessageFormat } from 'intl-messageformat';
import { SAME_AS_ENGLISH } from './same-as-english';
import { CATALOGUES, translator } from './translator';

/** Every message of a catalogue by its full key ("email.booking.subject"). */
function flatten(tree: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') for (const [k, v] of flatten(value as object, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

/** The names a message's ICU arguments go by ({name}, {count, plural, …}, <b>…</b>), sorted. */
function argumentNames(elements: MessageFormatElement[], into = new Set<string>()): string[] {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.add(element.value);
    if (element.type === TYPE.tag) argumentNames(element.children, into);
    if (element.type === TYPE.select || element.type === TYPE.plural) {
      for (const option of Object.values(element.options)) argumentNames(option.value, into);
    }
  }
  return [...into].sort();
}

/** The words of a message without its arguments: what a translator has to write. */
function words(elements: MessageFormatElement[]): string {
  return elements
    .map((element) => {
      if (element.type === TYPE.literal) return element.value;
      if (element.type === TYPE.tag) return words(element.children);
      if (element.type === TYPE.select || element.type === TYPE.plural) {
        return Object.values(element.options)
          .map((option) => words(option.value))
          .join(' ');
      }
      return ' ';
    })
    .join('');
}

/** The plural arguments of a message and the categories each one covers. */
function pluralCategories(elements: MessageFormatElement[], into = new Map<string, string[]>()): Map<string, string[]> {
  for (const element of elements) {
    if (element.type === TYPE.plural) into.set(element.value, Object.keys(element.options));
    if (element.type === TYPE.tag) pluralCategories(element.children, into);
    if (element.type === TYPE.select || element.type === TYPE.plural) {
      for (const option of Object.values(element.options)) pluralCategories(option.value, into);
    }
  }
  return into;
}

const english = flatten(CATALOGUES.en);
const LATIN_LETTER = /\p{Script=Latin}/u;
const ARABIC_LETTER = /\p{Script=Arabic}/u;
const others = LANGUAGES.filter((language) => language !== 'en');

describe('API message catalogues (emails, calendar files, the visit report)', () => {
  it('has English messages to hold the others to, in its three parts and the shared visit words', () => {
    expect(english.size).toBeGreaterThan(0);
    expect(Object.keys(CATALOGUES.en).sort()).toEqual(['calendar', 'email', 'report', 'visit']);
  });

  it.each(others)('%s has exactly the English keys', (language: Language) => {
    const keys = [...flatten(CATALOGUES[language]).keys()].sort();
    expect({ missing: [...english.keys()].filter((key) => !keys.includes(key)), extra: keys.filter((key) => !english.has(key)) }).toEqual({
      missing: [],
      extra: [],
    });
  });

  it.each([...LANGUAGES])('every %s message is a non-empty ICU message with the English arguments', (language: Language) => {
    const problems: string[] = [];
    for (const [key, message] of flatten(CATALOGUES[language])) {
      if (typeof message !== 'string' || message.trim() === '') {
        problems.push(`${key}: empty`);
        continue;
      }
      try {
        const ast = new IntlMessageFormat(message, language).getAst();
        const source = english.get(key);
        const expected = typeof source === 'string' ? argumentNames(new IntlMessageFormat(source, 'en').getAst()) : [];
        if (argumentNames(ast).join() !== expected.join())
          problems.push(`${key}: arguments ${argumentNames(ast).join()} ≠ ${expected.join()}`);
      } catch (error) {
        problems.push(`${key}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(others)('every %s message is translated, not English left in place', (language: Language) => {
    const untranslated: string[] = [];
    for (const [key, message] of flatten(CATALOGUES[language])) {
      const source = english.get(key);
      if (typeof message !== 'string' || typeof source !== 'string' || SAME_AS_ENGLISH[language as Exclude<Language, 'en'>].has(key))
        continue;
      const text = words(new IntlMessageFormat(message, language).getAst());
      const sourceText = words(new IntlMessageFormat(source, 'en').getAst());
      if (!LATIN_LETTER.test(sourceText)) continue;
      // Arabic is written in its own script; Spanish shares English's, so it has to differ from it.
      const translated = language === 'ar' ? ARABIC_LETTER.test(text) : text !== sourceText;
      if (!translated) untranslated.push(`${key}: ${message}`);
    }
    expect(untranslated).toEqual([]);
  });

  it.each(others)('%s keeps to English only where the exceptions say so, each with a reason', (language: Language) => {
    for (const [key, reason] of SAME_AS_ENGLISH[language as Exclude<Language, 'en'>]) {
      expect(english.has(key)).toBe(true);
      expect(reason.trim()).not.toBe('');
    }
  });

  it.each([...LANGUAGES])('every %s plural covers the categories its language has', (language: Language) => {
    // Arabic has zero, one, two, few, many and other; English and Spanish one and other. An exact "=0" stands in for zero.
    const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    const problems: string[] = [];
    for (const [key, message] of flatten(CATALOGUES[language])) {
      if (typeof message !== 'string') continue;
      for (const [argument, options] of pluralCategories(new IntlMessageFormat(message, language).getAst())) {
        const missing = needed.filter((category) => !options.includes(category) && !(category === 'zero' && options.includes('=0')));
        if (missing.length > 0) problems.push(`${key} {${argument}}: no ${missing.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
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
