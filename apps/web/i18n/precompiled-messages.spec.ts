import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import compile from 'icu-minify/compile';
import format from 'icu-minify/format';
import { IntlMessageFormat } from 'intl-messageformat';
import { LANGUAGES, type Language } from '@telehealth/contracts';
import { CATALOGUES } from './translator';

/**
 * The built app formats precompiled messages (next.config.mjs: next-intl's `messages.precompile`
 * compiles every catalogue at build time, and the browser gets a small formatter instead of the ICU
 * parser). The specs, and the catalogues as written, go through the ICU parser. This holds the two to
 * the same words: every message of every language, with every option of its selects, numbers that
 * reach every plural category, and its rich-text tags, formats alike both ways.
 */
type Value = string | number | Date | ((chunks: unknown[]) => string);

function flatten(messages: object, prefix = ''): Array<[string, string]> {
  return Object.entries(messages).flatMap(([key, value]): Array<[string, string]> => {
    const id = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [[id, value]] : flatten(value as object, id);
  });
}

/** What each argument of a message is given: several numbers, each option of a select, a tag function. */
function argumentValues(elements: MessageFormatElement[], found = new Map<string, Value[]>()): Map<string, Value[]> {
  const numbers = [0, 1, 2, 3, 5, 11, 21, 100, 1.5];
  for (const element of elements) {
    if (element.type === TYPE.argument) {
      if (!found.has(element.value)) found.set(element.value, ['Ana']);
    } else if (element.type === TYPE.number) {
      found.set(element.value, numbers);
    } else if (element.type === TYPE.plural) {
      found.set(element.value, numbers);
      for (const option of Object.values(element.options)) argumentValues(option.value, found);
    } else if (element.type === TYPE.select) {
      found.set(element.value, [...Object.keys(element.options), 'unlisted']);
      for (const option of Object.values(element.options)) argumentValues(option.value, found);
    } else if (element.type === TYPE.tag) {
      const tag = element.value;
      found.set(tag, [(chunks) => `<${tag}>${chunks.join('')}</${tag}>`]);
      argumentValues(element.children, found);
    } else if (element.type === TYPE.date || element.type === TYPE.time) {
      found.set(element.value, [new Date(Date.UTC(2026, 4, 1, 9, 30))]);
    }
  }
  return found;
}

/** Every combination of the arguments' values (at most `limit` of them). */
function combinations(values: Map<string, Value[]>, limit = 200): Array<Record<string, Value>> {
  let all: Array<Record<string, Value>> = [{}];
  for (const [name, choices] of values)
    all = all.flatMap((partial) => choices.map((choice) => ({ ...partial, [name]: choice }))).slice(0, limit);
  return all;
}

const formatters = {
  getNumberFormat: (...args: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...args),
  getDateTimeFormat: (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...args),
  getPluralRules: (...args: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...args),
};
const text = (result: unknown) => (Array.isArray(result) ? result.join('') : String(result));

describe('precompiled messages', () => {
  it.each([...LANGUAGES])('every %s message says the same precompiled as parsed', (language: Language) => {
    const different: string[] = [];
    let formatted = 0;
    for (const [id, message] of flatten(CATALOGUES[language])) {
      const compiled = compile(message);
      for (const values of combinations(argumentValues(parse(message)))) {
        const parsed = text(new IntlMessageFormat(message, language).format(values));
        const precompiled = text(format(compiled, language, values, { formatters }));
        formatted += 1;
        if (parsed !== precompiled) different.push(`${id} ${JSON.stringify(values)}: "${parsed}" ≠ "${precompiled}"`);
      }
    }
    expect(formatted).toBeGreaterThan(1000);
    expect(different).toEqual([]);
  });
});
