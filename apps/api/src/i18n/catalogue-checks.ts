import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Language } from '@telehealth/contracts';
import { IntlMessageFormat } from 'intl-messageformat';

/**
 * What the catalogue specs of the API (emails, calendar, report) and of the web app hold every
 * language to, as lists of problems (empty: none). Test support: only specs import it.
 */

/** Every message of a catalogue by its full key ("email.booking.subject"). */
export function flatten(tree: object, prefix = ''): Map<string, unknown> {
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

interface PluralUse {
  argument: string;
  ordinal: boolean;
  options: string[];
}

/** The plural arguments of a message (cardinal or ordinal) and the categories each one covers. */
function pluralUses(elements: MessageFormatElement[], into: PluralUse[] = []): PluralUse[] {
  for (const element of elements) {
    if (element.type === TYPE.plural) {
      into.push({ argument: element.value, ordinal: element.pluralType === 'ordinal', options: Object.keys(element.options) });
    }
    if (element.type === TYPE.tag) pluralUses(element.children, into);
    if (element.type === TYPE.select || element.type === TYPE.plural) {
      for (const option of Object.values(element.options)) pluralUses(option.value, into);
    }
  }
  return into;
}

// Counts in these messages (minutes, people, lines, places in line) stay far below a million, where
// Spanish's "many" begins ("1 millón de minutos"): a category is needed when some count up to this falls in it.
const LARGEST_COUNT = 10_000;

/** The plural categories a count from 0 to LARGEST_COUNT falls in, in `language`. */
function categoriesInUse(language: Language, type: Intl.PluralRuleType): string[] {
  const rules = new Intl.PluralRules(language, { type });
  const seen = new Set<string>();
  for (let count = 0; count <= LARGEST_COUNT; count++) seen.add(rules.select(count));
  return [...seen];
}

const ast = (message: string, language: Language) => new IntlMessageFormat(message, language).getAst();

/** Keys English has that `catalogue` lacks, and keys it has that English does not. */
export function keyProblems(english: object, catalogue: object): { missing: string[]; extra: string[] } {
  const source = flatten(english);
  const keys = [...flatten(catalogue).keys()];
  return { missing: [...source.keys()].filter((key) => !keys.includes(key)), extra: keys.filter((key) => !source.has(key)).sort() };
}

/** Messages that are empty, do not parse as ICU, or have other arguments than their English one. */
export function messageProblems(english: object, catalogue: object, language: Language): string[] {
  const source = flatten(english);
  const problems: string[] = [];
  for (const [key, message] of flatten(catalogue)) {
    if (typeof message !== 'string' || message.trim() === '') {
      problems.push(`${key}: empty`);
      continue;
    }
    try {
      const own = argumentNames(ast(message, language)).join();
      const original = source.get(key);
      const expected = typeof original === 'string' ? argumentNames(ast(original, 'en')).join() : '';
      if (own !== expected) problems.push(`${key}: arguments ${own} ≠ ${expected}`);
    } catch (error) {
      problems.push(`${key}: ${(error as Error).message}`);
    }
  }
  return problems;
}

const LATIN_LETTER = /\p{Script=Latin}/u;
const ARABIC_LETTER = /\p{Script=Arabic}/u;

/**
 * Messages left in English: Arabic is written in its own script, so a message with Latin words in
 * English must have Arabic letters; Spanish shares English's script, so its words must differ.
 * `sameAsEnglish` names the keys rightly written the same (a brand, a unit symbol).
 */
export function untranslated(
  english: object,
  catalogue: object,
  language: Exclude<Language, 'en'>,
  sameAsEnglish: (key: string) => boolean,
): string[] {
  const source = flatten(english);
  const found: string[] = [];
  for (const [key, message] of flatten(catalogue)) {
    const original = source.get(key);
    if (typeof message !== 'string' || typeof original !== 'string' || sameAsEnglish(key)) continue;
    const text = words(ast(message, language));
    const originalText = words(ast(original, 'en'));
    if (!LATIN_LETTER.test(originalText)) continue;
    const translated = language === 'ar' ? ARABIC_LETTER.test(text) : text !== originalText;
    if (!translated) found.push(`${key}: ${message}`);
  }
  return found;
}

/**
 * Plurals that miss a category counts fall in, in the language (Arabic: zero, one, two, few, many and
 * other; English and Spanish: one and other; ordinals their own); an exact "=0" stands in for zero.
 */
export function pluralProblems(catalogue: object, language: Language): string[] {
  const needed = { cardinal: categoriesInUse(language, 'cardinal'), ordinal: categoriesInUse(language, 'ordinal') };
  const problems: string[] = [];
  for (const [key, message] of flatten(catalogue)) {
    if (typeof message !== 'string') continue;
    for (const { argument, ordinal, options } of pluralUses(ast(message, language))) {
      const missing = needed[ordinal ? 'ordinal' : 'cardinal'].filter(
        (category) => !options.includes(category) && !(category === 'zero' && options.includes('=0')),
      );
      if (missing.length > 0) problems.push(`${key} {${argument}}: no ${missing.join(', ')}`);
    }
  }
  return problems;
}
