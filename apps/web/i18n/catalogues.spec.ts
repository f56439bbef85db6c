import { IntlMessageFormat } from 'intl-messageformat';
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { LANGUAGES, type Language } from '@telehealth/contracts';
import { CATALOGUES } from './translator';
import { SAME_IN_EVERY_LANGUAGE } from './same-in-every-language';

/** Every message of a catalogue by its full key ("call.controls.mute"). */
function flatten(tree: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') for (const [k, v] of flatten(value as object, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

/** The names a message's ICU arguments go by ({name}, {count, plural, …}, <link>…</link>), sorted. */
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

const english = flatten(CATALOGUES.en);
const LATIN_LETTER = /\p{Script=Latin}/u;
const ARABIC_LETTER = /\p{Script=Arabic}/u;

describe('message catalogues', () => {
  it('has English messages to hold the others to', () => {
    expect(english.size).toBeGreaterThan(0);
  });

  it.each(LANGUAGES.filter((language) => language !== 'en'))('%s has exactly the English keys', (language: Language) => {
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

  it.each(LANGUAGES.filter((language) => language !== 'en'))(
    'every %s message is translated, not English left in place',
    (language: Language) => {
      const untranslated: string[] = [];
      for (const [key, message] of flatten(CATALOGUES[language])) {
        const source = english.get(key);
        if (typeof message !== 'string' || typeof source !== 'string' || SAME_IN_EVERY_LANGUAGE.has(key)) continue;
        const text = words(new IntlMessageFormat(message, language).getAst());
        const sourceText = words(new IntlMessageFormat(source, 'en').getAst());
        if (!LATIN_LETTER.test(sourceText)) continue;
        // Arabic is written in its own script; Spanish shares English's, so it has to differ from it.
        const translated = language === 'ar' ? ARABIC_LETTER.test(text) : text !== sourceText;
        if (!translated) untranslated.push(`${key}: ${message}`);
      }
      expect(untranslated).toEqual([]);
    },
  );
});
