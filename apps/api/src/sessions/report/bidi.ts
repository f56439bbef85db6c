/**
 * The part of the Unicode bidirectional algorithm (UAX #9) a right-to-left report needs, on grapheme
 * clusters: strong left-to-right and right-to-left letters, European and Arabic-Indic numbers (with the
 * separators and terminators around them), neutrals resolved by their neighbours, isolates for text a
 * person wrote (a name, a message) and the reordering of a line (rule L2). No explicit embeddings or
 * overrides: cleanText strips those characters from user text anyway.
 */
export type BidiClass = 'L' | 'R' | 'EN' | 'CS' | 'ET' | 'WS' | 'ON';

const RIGHT_TO_LEFT_LETTER = /^[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const LETTER = /^[\p{L}\p{M}]/u;
const DIGIT = /^\p{Nd}/u;
const COMMON_SEPARATOR = /^[.,:/\u060c\u066b\u066c\u00a0\u202f]$/u;
const TERMINATOR = /^[%\u066a\u2030\u00b0#$\u00a3\u00a5\u20ac]$/u;
const SPACE = /^\s+$/u;

export function bidiClass(grapheme: string): BidiClass {
  if (DIGIT.test(grapheme)) return 'EN';
  if (RIGHT_TO_LEFT_LETTER.test(grapheme) && LETTER.test(grapheme)) return 'R';
  if (LETTER.test(grapheme)) return 'L';
  if (SPACE.test(grapheme)) return 'WS';
  if (COMMON_SEPARATOR.test(grapheme)) return 'CS';
  if (TERMINATOR.test(grapheme)) return 'ET';
  return 'ON';
}

/** The direction text takes when nothing else decides it: that of its first strong letter, if any. */
export function firstStrong(classes: readonly BidiClass[]): 'L' | 'R' | null {
  for (const cls of classes) if (cls === 'L' || cls === 'R') return cls;
  return null;
}

/**
 * The embedding level of each unit of a run of text whose base level is `base` (0: left to right, 1:
 * right to left): rules W4–W7, N1–N2 and I1–I2 of UAX #9.
 */
export function resolveLevels(classes: readonly BidiClass[], base: 0 | 1): number[] {
  const types: BidiClass[] = [...classes];
  const n = types.length;
  // W4: one separator between two numbers belongs to them ("10:03", "0.2").
  for (let i = 1; i < n - 1; i++) if (types[i] === 'CS' && types[i - 1] === 'EN' && types[i + 1] === 'EN') types[i] = 'EN';
  // W5: terminators next to a number belong to it ("3 %" no, "3%" yes).
  for (let i = 0; i < n; i++) {
    if (types[i] !== 'ET') continue;
    let end = i;
    while (end < n && types[end] === 'ET') end++;
    if ((i > 0 && types[i - 1] === 'EN') || (end < n && types[end] === 'EN')) for (let k = i; k < end; k++) types[k] = 'EN';
    i = end - 1;
  }
  // W6: what is left of separators, terminators and spaces is neutral.
  for (let i = 0; i < n; i++) if (types[i] === 'CS' || types[i] === 'ET' || types[i] === 'WS') types[i] = 'ON';
  // W7: a number after left-to-right text (or at the start of a left-to-right run) is left to right.
  let lastStrong: BidiClass = base === 0 ? 'L' : 'R';
  for (let i = 0; i < n; i++) {
    if (types[i] === 'L' || types[i] === 'R') lastStrong = types[i]!;
    else if (types[i] === 'EN' && lastStrong === 'L') types[i] = 'L';
  }
  // N1–N2: neutrals take the direction of the text on both sides when it agrees (numbers count as
  // right to left), else the base direction.
  const baseDirection: 'L' | 'R' = base === 0 ? 'L' : 'R';
  const strongOf = (type: BidiClass | undefined): 'L' | 'R' | null => (type === 'L' ? 'L' : type === 'R' || type === 'EN' ? 'R' : null);
  for (let i = 0; i < n; i++) {
    if (types[i] !== 'ON') continue;
    let end = i;
    while (end < n && types[end] === 'ON') end++;
    const before = i > 0 ? strongOf(types[i - 1]) : baseDirection;
    const after = end < n ? strongOf(types[end]) : baseDirection;
    const direction = before === after && before !== null ? before : baseDirection;
    for (let k = i; k < end; k++) types[k] = direction;
    i = end - 1;
  }
  // I1–I2.
  return types.map((type) => {
    if (base === 0) return type === 'R' ? 1 : type === 'EN' ? 2 : 0;
    return type === 'R' ? 1 : 2;
  });
}

/** Rule L2: the order in which a line's units are shown, left to right, from their levels. */
export function visualOrder(levels: readonly number[]): number[] {
  const order = levels.map((_, index) => index);
  if (levels.length === 0) return order;
  const highest = Math.max(...levels);
  const lowestOdd = Math.min(...levels.map((level) => (level % 2 === 1 ? level : level + 1)));
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < order.length; i++) {
      if (levels[order[i]!]! < level) continue;
      let end = i;
      while (end < order.length && levels[order[end]!]! >= level) end++;
      const reversed = order.slice(i, end).reverse();
      order.splice(i, end - i, ...reversed);
      i = end - 1;
    }
  }
  return order;
}

const MIRRORED: Readonly<Record<string, string>> = {
  '(': ')',
  ')': '(',
  '[': ']',
  ']': '[',
  '{': '}',
  '}': '{',
  '<': '>',
  '>': '<',
  '«': '»',
  '»': '«',
  '‹': '›',
  '›': '‹',
};

/** Brackets face the other way in right-to-left text (Bidi_Mirrored): the fonts do not swap them. */
export function mirror(text: string): string {
  return text.replace(/[()[\]{}<>«»‹›]/g, (char) => MIRRORED[char]!);
}
